package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.officer;

import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.compliance.Fixtures;
import org.candor.compliance.service.FeedLinks;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;

/** iCalendar feeds of deadlines behind signed, expiring links. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class CalendarFeedTest {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    FeedLinks links;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    private static UUID incident() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        awaitObligation(incident, "NIS2_FINAL_REPORT");
        return incident;
    }

    private static String link(String path) {
        return given().auth().oauth2(officer()).post(path).then().statusCode(200).extract().path("url");
    }

    private static List<VEvent> events(String url) throws Exception {
        Response response = given().get(url);
        response.then().statusCode(200);
        assertThat(response.contentType()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(response.asString()));
        return calendar.<VEvent>getComponents(Component.VEVENT);
    }

    private static String property(VEvent event, String name) {
        return event.getProperty(name).map(Property::getValue).orElse(null);
    }

    @Test
    void anIncidentFeedHasOneEventPerOpenDeadlineAtTheDueTimeInForce() throws Exception {
        UUID incident = incident();
        List<Map<String, Object>> dated = Fixtures.obligations(incident).stream()
                .filter(o -> o.get("dueAt") != null && List.of("OPEN", "OVERDUE").contains(o.get("status"))).toList();

        List<VEvent> events = events(link("/api/calendar-links/incidents/" + incident));

        assertThat(dated).isNotEmpty();
        assertThat(events).hasSameSizeAs(dated);
        for (Map<String, Object> obligation : dated) {
            VEvent event = events.stream().filter(e -> ("obligation-" + obligation.get("id") + "@candor")
                    .equals(property(e, Property.UID))).findFirst()
                    .orElseThrow(() -> new AssertionError("no event for " + obligation.get("regime")));
            assertThat(property(event, Property.DTSTART)).isEqualTo(UTC.format(Instant.parse((String) obligation.get("dueAt"))));
            assertThat(property(event, Property.SUMMARY)).contains((String) obligation.get("regime"));
            assertThat(event.getAlarms()).hasSize(2);
        }
    }

    @Test
    void theFeedOfAllOpenObligationsLeavesSettledOnesOut() throws Exception {
        UUID open = incident();
        UUID settled = incident();
        String openWarning = (String) Fixtures.obligation(open, "NIS2_EARLY_WARNING").get("id");
        String settledWarning = (String) Fixtures.obligation(settled, "NIS2_EARLY_WARNING").get("id");
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"justification\":\"Not a significant incident under NIS2 Art. 23(3)\"}")
                .post("/api/obligations/" + settledWarning + "/not-required").then().statusCode(200);

        List<String> uids = events(link("/api/calendar-links")).stream().map(e -> property(e, Property.UID)).toList();

        assertThat(uids).contains("obligation-" + openWarning + "@candor");
        assertThat(uids).doesNotContain("obligation-" + settledWarning + "@candor");
    }

    @Test
    void aForgedOrExpiredLinkOpensNothing() {
        String url = link("/api/calendar-links");
        String token = url.substring(url.lastIndexOf('/') + 1, url.length() - ".ics".length());
        String payload = token.substring(0, token.indexOf('.'));
        String signature = token.substring(token.indexOf('.') + 1);
        String forged = payload + "." + (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1);
        String expired = links.sign("all", Instant.now().minus(31, ChronoUnit.DAYS)).token();

        for (String bad : List.of(forged, expired, "not-a-token")) {
            given().get("/calendar/" + bad + ".ics").then().statusCode(403).contentType("application/problem+json");
        }
    }

    @Test
    void onlyAComplianceOfficerGetsALink() {
        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).post("/api/calendar-links").then().statusCode(403);
        given().post("/api/calendar-links").then().statusCode(401);
        given().auth().oauth2(officer()).post("/api/calendar-links/incidents/" + UUID.randomUUID()).then()
                .statusCode(404);
    }
}
