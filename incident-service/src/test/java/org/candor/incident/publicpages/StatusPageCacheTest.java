package org.candor.incident.publicpages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class StatusPageCacheTest {

    @Inject
    EntityManager entityManager;

    @Test
    void aReaderWithTheCurrentCopyIsAnsweredNotModified() {
        incidentWithPublicUpdate("Unchanged " + UUID.randomUUID(), "We are looking into it.");
        String etag = given().get("/status?lang=en").then().statusCode(200).extract().header("ETag");

        Response again = given().header("If-None-Match", etag).get("/status?lang=en");

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(again.asByteArray()).isEmpty();
    }

    @Test
    void eachRepresentationAndLanguageHasItsOwnTag() {
        incidentWithPublicUpdate("Tags " + UUID.randomUUID(), "We are looking into it.");

        List<String> tags = List.of(
                given().get("/status?lang=en").then().statusCode(200).extract().header("ETag"),
                given().get("/status?lang=de").then().statusCode(200).extract().header("ETag"),
                given().get("/status/feed.atom?lang=en").then().statusCode(200).extract().header("ETag"),
                given().get("/status/api/incidents?lang=en").then().statusCode(200).extract().header("ETag"));

        assertThat(tags).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void aNewPublicUpdateIsOnTheNextRequestWithANewTag() {
        String incident = incidentWithPublicUpdate("New update " + UUID.randomUUID(), "We are looking into it.");
        String before = given().get("/status?lang=en").then().statusCode(200).extract().header("ETag");

        publish(incident, "IDENTIFIED", "The cause is a stolen password " + incident);
        Response after = given().header("If-None-Match", before).get("/status?lang=en");

        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.header("ETag")).isNotEqualTo(before);
        assertThat(after.asString()).contains("The cause is a stolen password " + incident);
        assertThat(given().get("/status/feed.atom?lang=en").asString()).contains("The cause is a stolen password " + incident);
        assertThat(given().get("/status/api/incidents?lang=en").asString()).contains("The cause is a stolen password " + incident);
    }

    @Test
    void aRebuildHeldUpByTheDatabaseDoesNotHoldReadersWhoGetTheLastCopyMeanwhile() throws Exception {
        String incident = incidentWithPublicUpdate("Held up " + UUID.randomUUID(), "We are looking into it.");
        String before = given().get("/status?lang=en").then().statusCode(200).extract().header("ETag");
        publish(incident, "IDENTIFIED", "Found while the database was busy " + incident);
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();

        try (Connection locker = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            // The rebuild reads the content version first: it waits for this lock as for a database in trouble.
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE public_status_version IN ACCESS EXCLUSIVE MODE");
            }
            HttpResponse<String> during = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/status?lang=en"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(during.statusCode()).isEqualTo(200);
            assertThat(during.headers().firstValue("ETag")).contains(before);
            locker.rollback();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/status?lang=en").asString()
                .contains("Found while the database was busy " + incident));
    }

    @Test
    void anEditedUpdateReplacesTheOldTextOnThePage() {
        String incident = incidentWithPublicUpdate("Edit " + UUID.randomUUID(), "First wording " + UUID.randomUUID());
        String page = given().get("/status/api/incidents?lang=en").asString();
        String updateId = commander().get("/api/incidents/" + incident + "/updates").then().statusCode(200)
                .extract().path("[0].id");
        assertThat(page).contains(updateId);

        commander().body(Map.of("status", "INVESTIGATING", "audience", "PUBLIC",
                "messages", Map.of("en", "Corrected wording " + incident), "notifyPeople", false))
                .put("/api/incidents/" + incident + "/updates/" + updateId).then().statusCode(200);

        assertThat(given().get("/status?lang=en").asString()).contains("Corrected wording " + incident);
    }

    @Test
    void closingTheIncidentMovesItToRecentlyResolved() {
        String title = "Closing " + UUID.randomUUID();
        String incident = incidentWithPublicUpdate(title, "We are looking into it.");
        assertThat(activeSection(given().get("/status?lang=en").asString())).contains(title);

        for (String phase : List.of("CONTAINED", "ERADICATED", "RECOVERED", "CLOSED")) {
            commander().body(Map.of("phase", phase)).post("/api/incidents/" + incident + "/transitions")
                    .then().statusCode(200);
        }

        String page = given().get("/status?lang=en").asString();
        assertThat(activeSection(page)).doesNotContain(title);
        assertThat(page.substring(page.indexOf("id=\"recent-heading\""))).contains(title);
    }

    @Test
    void aChangeCommittedByAnotherReplicaReachesThePageWithinTheVersionCheck() {
        String incident = incidentWithPublicUpdate("Other replica " + UUID.randomUUID(), "We are looking into it.");
        assertThat(given().get("/status?lang=en").asString()).contains("We are looking into it.");
        String text = "Written by another replica " + incident;

        // Another replica's write: straight to the database, unseen by this replica's Hibernate session.
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update status_update set messages = jsonb_build_object('en', cast(:text as text)) where incident_id = :incident")
                .setParameter("text", text).setParameter("incident", UUID.fromString(incident)).executeUpdate());

        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(given().get("/status?lang=en").asString()).contains(text));
    }

    @Test
    void anUnrelatedWriteKeepsTheCachedCopy() {
        String incident = incidentWithPublicUpdate("Unrelated " + UUID.randomUUID(), "We are looking into it.");
        String etag = given().get("/status?lang=en").then().statusCode(200).extract().header("ETag");
        long before = version();

        commander().body(Map.of("kind", "ISOLATION", "description", "Isolated a host"))
                .post("/api/incidents/" + incident + "/actions").then().statusCode(201);
        commander().body(Map.of("status", "IDENTIFIED", "audience", "AFFECTED",
                "messages", Map.of("en", "Only for the affected"), "notifyPeople", false))
                .post("/api/incidents/" + incident + "/updates").then().statusCode(201);

        assertThat(version()).isEqualTo(before);
        assertThat(given().header("If-None-Match", etag).get("/status?lang=en").statusCode()).isEqualTo(304);
    }

    @Test
    void cachesAndCdnsMayKeepAndFallBackOnTheCopy() {
        Response page = given().get("/status?lang=en");

        assertThat(page.header("Cache-Control")).contains("public").contains("max-age=10").contains("s-maxage=30")
                .contains("stale-while-revalidate=60").contains("stale-if-error=86400");
        assertThat(page.header("Vary")).isEqualTo("Accept-Language");
        assertThat(page.header("Content-Type")).isEqualTo("text/html;charset=utf-8");
    }

    private long version() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select version from public_status_version").getSingleResult()).longValue());
    }

    private static String activeSection(String page) {
        int recent = page.indexOf("id=\"recent-heading\"");
        return page.substring(page.indexOf("id=\"active-heading\""), recent < 0 ? page.length() : recent);
    }

    static String incidentWithPublicUpdate(String title, String message) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("summaries", Map.of("en", "Attackers read customer records.", "de", "Angreifer haben Kundendaten gelesen."));
        body.put("severity", "HIGH");
        body.put("detectedAt", "2026-03-27T14:00:00+01:00");
        body.put("awareAt", "2026-03-27T16:30:00+01:00");
        body.put("dataCategories", List.of("CONTACT"));
        String incident = commander().body(body).post("/api/incidents").then().statusCode(201).extract().path("id");
        publish(incident, "INVESTIGATING", message);
        return incident;
    }

    static void publish(String incident, String status, String message) {
        commander().body(Map.of("status", status, "audience", "PUBLIC", "messages", Map.of("en", message, "de", message),
                "notifyPeople", false)).post("/api/incidents/" + incident + "/updates").then().statusCode(201);
    }

    private static RequestSpecification commander() {
        return given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType(ContentType.JSON);
    }
}
