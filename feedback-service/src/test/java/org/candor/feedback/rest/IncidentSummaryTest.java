package org.candor.feedback.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.feedback.Fixtures;
import org.candor.feedback.domain.Invitation;
import org.candor.feedback.service.InvitationService;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The per-incident summary incident-service's overview reads, over answers sent through the form. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class IncidentSummaryTest {

    @Inject
    Fixtures fixtures;
    @Inject
    InvitationService invitations;

    @Test
    void summaryCountsTheIncidentsResponsesAcrossWaves() {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        answer(invite(survey, incident, 1), 10, 5);
        answer(invite(survey, incident, 1), 3, 2);
        invite(survey, incident, 1);
        answer(invite(survey, incident, 2), 8, 4);
        answer(invite(survey, UUID.randomUUID(), 3), 0, 1);

        // 3 responses: promoters 1, passives 1, detractors 1 → NPS 0; trust (5 + 2 + 4) / 3 = 3.67;
        // 3 of 4 invited answered; waves 1 and 2 of this incident.
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/incidents/{id}/summary", incident)
                .then().statusCode(200)
                .body("incidentId", equalTo(incident.toString()))
                .body("responses", equalTo(3))
                .body("trustScore", equalTo(3.67f))
                .body("nps", equalTo(0.0f))
                .body("responseRate", equalTo(0.75f))
                .body("latestWave", equalTo(2));
    }

    @Test
    void incidentNeverHeardOfHasZerosAndNulls() {
        UUID incident = UUID.randomUUID();

        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST))
                .get("/api/incidents/{id}/summary", incident)
                .then().statusCode(200)
                .body("incidentId", equalTo(incident.toString()))
                .body("responses", equalTo(0))
                .body("trustScore", nullValue())
                .body("nps", nullValue())
                .body("responseRate", nullValue())
                .body("latestWave", nullValue());
    }

    @Test
    void summaryNeedsTheIncidentCommanderOrAnalystRole() {
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT))
                .get("/api/incidents/{id}/summary", UUID.randomUUID())
                .then().statusCode(403);
    }

    /** Invites a new customer affected by {@code incident} and returns the link's path. */
    private String invite(UUID survey, UUID incident, int wave) {
        String customer = fixtures.customer(incident, "en", "GB", "retail");
        fixtures.invite(survey, customer, incident, wave);
        return QuarkusTransaction.requiringNew().call(() -> {
            String link = invitations.link(Invitation.<Invitation>find("customerId", customer).firstResult());
            return link.substring(link.indexOf("/survey/"));
        });
    }

    private static void answer(String link, int nps, int trust) {
        given().formParam("q.nps", nps).formParam("q.trust", trust).formParam("action", "submit").post(link)
                .then().statusCode(200);
    }
}
