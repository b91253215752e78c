package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;
import static org.candor.compliance.Fixtures.officer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.compliance.Fixtures;
import org.candor.compliance.service.ReminderService;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/** The counts incident-service's overview shows, from obligations built by real incident events. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class IncidentSummaryTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    ReminderService reminders;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    private static ValidatableResponse summary(UUID incident, String role) {
        return given().auth().oauth2(CandorTestResource.token(role)).get("/api/incidents/" + incident + "/summary")
                .then();
    }

    @Test
    void countsEachStatusAndPutsTheObligationDueWithoutUndueDelayFirst() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(30, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        Fixtures.population(incident, Map.of("DE", 40L));
        Fixtures.riskAssessed(incident, true);
        awaitObligation(incident, "GDPR_ART34");
        // GDPR Art. 33 and 34 (EU people, high risk) and NIS2's three stages (essential entity).
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + aware.plus(20, ChronoUnit.HOURS) + "\",\"channel\":\"BSI portal\","
                        + "\"reference\":\"BSI-7\",\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + obligation(incident, "NIS2_NOTIFICATION").get("id") + "/filings")
                .then().statusCode(201);
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"justification\":\"Encrypted backup only; the key was not exposed\"}")
                .post("/api/obligations/" + obligation(incident, "GDPR_ART33").get("id") + "/not-required")
                .then().statusCode(200);
        // The early warning was due 24 h after awareness: the dispatcher marks it overdue.
        reminders.dispatch(Instant.now());

        summary(incident, Roles.INCIDENT_COMMANDER).statusCode(200)
                .body("incidentId", equalTo(incident.toString()))
                .body("openObligations", equalTo(3)) // GDPR Art. 34, NIS2 final report, the overdue early warning
                .body("overdue", equalTo(1))
                .body("filed", equalTo(1))
                .body("notRequired", equalTo(1))
                .body("nextDeadline.regime", equalTo("GDPR_ART34"))
                .body("nextDeadline.recipient", equalTo("Data subjects"))
                .body("nextDeadline.asap", equalTo(true))
                .body("nextDeadline.dueAt", nullValue());
    }

    @Test
    void nextDeadlineIsTheEarliestFixedDueTime() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        awaitObligation(incident, "NIS2_FINAL_REPORT");

        summary(incident, Roles.ANALYST).statusCode(200)
                .body("openObligations", equalTo(3))
                .body("overdue", equalTo(0))
                .body("filed", equalTo(0))
                .body("notRequired", equalTo(0))
                .body("nextDeadline.regime", equalTo("NIS2_EARLY_WARNING"))
                .body("nextDeadline.dueAt", equalTo(aware.plus(24, ChronoUnit.HOURS).toString()))
                .body("nextDeadline.asap", equalTo(false));
    }

    @Test
    void affectedPeopleInStatesWithoutARuleAreListedInTheSummaryAndOnTheIncident() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        Fixtures.population(incident, Map.of("US/US-IL", 70L, "US/US-MA", 900L, "US/US-TX", 400L));
        awaitObligation(incident, "US_TX_AG");

        summary(incident, Roles.ANALYST).statusCode(200).body("catalogueGaps", contains("US-MA", "US-IL"));
        given().auth().oauth2(officer()).get("/api/incidents/" + incident).then().statusCode(200)
                .body("catalogueGaps.region", contains("US-MA", "US-IL"))
                .body("catalogueGaps.people", contains(900, 70))
                .body("catalogueGaps[1].warning", containsString("US-IL"));
    }

    @Test
    void incidentNotReceivedYetHasZeroCounts() {
        UUID incident = UUID.randomUUID();

        summary(incident, Roles.ANALYST).statusCode(200)
                .body("incidentId", equalTo(incident.toString()))
                .body("openObligations", equalTo(0))
                .body("overdue", equalTo(0))
                .body("filed", equalTo(0))
                .body("notRequired", equalTo(0))
                .body("nextDeadline", nullValue())
                .body("catalogueGaps", empty());
    }

    @Test
    void otherRolesAreRefused() {
        summary(UUID.randomUUID(), Roles.SUPPORT_AGENT).statusCode(403);
        given().get("/api/incidents/" + UUID.randomUUID() + "/summary").then().statusCode(401);
    }
}
