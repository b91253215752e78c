package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;
import static org.candor.compliance.Fixtures.officer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.candor.compliance.Fixtures;
import org.candor.contracts.Topics;
import org.candor.contracts.compliance.ObligationUpdated;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ObligationResourceTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    @Test
    void declaredIncidentGetsNis2ObligationsAndGdprOnceEuPeopleAreAffected() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.parse("2026-03-27T15:30:00Z");

        Fixtures.declare(incident, aware);
        awaitObligation(incident, "NIS2_EARLY_WARNING");
        Fixtures.population(incident, Map.of("DE", 1200L));
        awaitObligation(incident, "GDPR_ART33");

        Map<String, Object> gdpr = obligation(incident, "GDPR_ART33");
        assertThat(gdpr.get("dueAt")).isEqualTo("2026-03-30T15:30:00Z");
        assertThat(gdpr.get("dueAtLocal")).isEqualTo("2026-03-30T17:30:00+02:00");
        assertThat(gdpr.get("status")).isIn("OPEN", "OVERDUE");
        TestKafka.awaitRecord(Topics.COMPLIANCE_OBLIGATIONS, record -> record.value().contains(incident.toString())
                && record.value().contains("GDPR_ART33"), Duration.ofSeconds(30));
    }

    @Test
    void laterTriggerRecalculatesAndSubmissionStartsTheFinalReportsMonth() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        awaitObligation(incident, "NIS2_FINAL_REPORT");
        String notification = (String) obligation(incident, "NIS2_NOTIFICATION").get("id");
        Instant submitted = aware.plus(1, ChronoUnit.HOURS);

        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + submitted + "\",\"channel\":\"BSI portal\",\"reference\":\"BSI-2026-0042\","
                        + "\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + notification + "/filings").then().statusCode(201)
                .body("late", equalTo(false)).body("filedBy", equalTo("test-user"));

        assertThat(obligation(incident, "NIS2_NOTIFICATION").get("status")).isEqualTo("FILED");
        Map<String, Object> finalReport = obligation(incident, "NIS2_FINAL_REPORT");
        assertThat(finalReport.get("trigger")).isEqualTo("REPORT_SUBMITTED:NIS2_NOTIFICATION");
        assertThat(finalReport.get("triggerAssumed")).isEqualTo(false);
        assertThat(Instant.parse((String) finalReport.get("triggerAt"))).isEqualTo(submitted);
    }

    @Test
    void triggerEndpointRecordsADeterminationAndRejectsAwareness() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(1, ChronoUnit.HOURS));
        awaitObligation(incident, "NIS2_EARLY_WARNING");

        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"type\":\"AWARENESS\",\"at\":\"2026-03-27T16:30:00+01:00\"}")
                .post("/api/incidents/" + incident + "/triggers").then().statusCode(400)
                .body("errors.field", hasItem("type"));
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"type\":\"DETERMINATION\",\"at\":\"2026-03-27T16:30\"}")
                .post("/api/incidents/" + incident + "/triggers").then().statusCode(400)
                .body("errors.field", hasItem("at"));
    }

    @Test
    void lateFilingNeedsTheReasonForTheDelay() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        awaitObligation(incident, "NIS2_EARLY_WARNING");
        String earlyWarning = (String) obligation(incident, "NIS2_EARLY_WARNING").get("id");
        String body = "{\"submittedAt\":\"" + aware.plus(26, ChronoUnit.HOURS) + "\",\"channel\":\"BSI portal\","
                + "\"reference\":\"BSI-1\",\"documentSha256\":\"" + SHA + "\"%s}";

        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body.formatted(""))
                .post("/api/obligations/" + earlyWarning + "/filings").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("lateReason"));
        assertThat(obligation(incident, "NIS2_EARLY_WARNING").get("status")).isEqualTo("OPEN");

        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(body.formatted(",\"lateReason\":\"Scope confirmed only after forensic imaging\""))
                .post("/api/obligations/" + earlyWarning + "/filings").then().statusCode(201).body("late", equalTo(true));
        assertThat(obligation(incident, "NIS2_EARLY_WARNING").get("status")).isEqualTo("LATE_FILED");
    }

    @Test
    void gdprNotificationMayBeCompletedInPhasesButNis2EarlyWarningMayNot() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        Fixtures.population(incident, Map.of("DE", 10L));
        awaitObligation(incident, "GDPR_ART33");
        String gdpr = (String) obligation(incident, "GDPR_ART33").get("id");
        String early = (String) obligation(incident, "NIS2_EARLY_WARNING").get("id");
        String filing = "{\"submittedAt\":\"" + aware.plus(20, ChronoUnit.MINUTES) + "\",\"channel\":\"portal\","
                + "\"reference\":\"R-%s\",\"documentSha256\":\"" + SHA + "\",\"phase\":\"%s\"}";

        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(filing.formatted("1", "ADDITIONAL"))
                .post("/api/obligations/" + gdpr + "/filings").then().statusCode(409);
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(filing.formatted("1", "INITIAL"))
                .post("/api/obligations/" + gdpr + "/filings").then().statusCode(201);
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(filing.formatted("2", "ADDITIONAL"))
                .post("/api/obligations/" + gdpr + "/filings").then().statusCode(201);
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(filing.formatted("3", "INITIAL"))
                .post("/api/obligations/" + early + "/filings").then().statusCode(201);
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(filing.formatted("4", "ADDITIONAL"))
                .post("/api/obligations/" + early + "/filings").then().statusCode(409);

        given().auth().oauth2(officer()).get("/api/obligations/" + gdpr + "/filings").then().statusCode(200)
                .body("phase", org.hamcrest.Matchers.contains("INITIAL", "ADDITIONAL"));
    }

    @Test
    void invalidProfileIsRejectedAsAWholeNamingEachField() {
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body("""
                {"legalName": "X", "establishments": ["DE", "XX"], "leadAuthority": "BfDI",
                 "dpo": {"name": "D", "email": "not-an-email"}, "timezone": "Mars/Olympus", "flags": ["NIS9"]}""")
                .put("/api/profile").then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItems("establishments[1]", "dpo.email", "timezone",
                        "flags[0]"));
        given().auth().oauth2(officer()).get("/api/profile").then().statusCode(200)
                .body("legalName", equalTo("Beispiel Energie GmbH"));
    }

    @Test
    void obligationUpdatesArePublishedKeyedByObligation() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(1, ChronoUnit.HOURS));
        awaitObligation(incident, "NIS2_NOTIFICATION");
        String id = (String) obligation(incident, "NIS2_NOTIFICATION").get("id");

        var record = TestKafka.awaitRecord(Topics.COMPLIANCE_OBLIGATIONS, r -> id.equals(r.key()), Duration.ofSeconds(30));
        assertThat(new String(record.headers().lastHeader("ce_type").value())).isEqualTo(ObligationUpdated.TYPE);
        assertThat(Fixtures.json(record.value()).path("status").asText()).isEqualTo("OPEN");
    }
}
