package org.candor.feedback.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.feedback.Fixtures;
import org.candor.feedback.service.ResponseService;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Two waves of an incident's survey compared through the API, against differences worked out by hand. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class WaveComparisonTest {

    private static final String ANALYST = CandorTestResource.token(Roles.ANALYST);

    @Inject
    Fixtures fixtures;
    @Inject
    ResponseService responses;

    @Test
    void npsThatTurnedAroundChangedWhileTrustIsNotDistinguishable() {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            answer(survey, incident, 1, 3, 3);
        }
        for (int i = 0; i < 10; i++) {
            answer(survey, incident, 2, 10, i == 0 ? 4 : 3);
        }

        // NPS: ten detractors (-100) → ten promoters (+100), +200 points. Each side adjusted: n' = 13,
        // shares 0.75/13 and 10.75/13, NPS' = ∓0.769231, var = (0.884615 - 0.591716) / 13 = 0.022531;
        // centre 1.538462, margin 1.95996 × sqrt(0.045062) = 0.416057 → [112.24, 195.45], widened to the observed 200.
        // Trust: ten 3s (3.0) → nine 3s and a 4 (3.1), +0.1. Earlier on -1..+1: weights 0.75, 0, 11.5, 0, 0.75 over 13,
        // mean' 0, var = (1.5/13) / 13 = 0.0088757; later weights 0.75, 0, 10.5, 1, 0.75: mean' = 0.5/13 = 0.038462,
        // var = (1.75/13 - 0.001479) / 13 = 0.010241; centre 0.076923, margin 2 × 1.95996 × sqrt(0.019117) = 0.541991
        // → [-0.47, 0.62]: zero inside.
        given().auth().oauth2(ANALYST).queryParam("incidentId", incident).queryParam("earlierWave", 1)
                .queryParam("laterWave", 2).get("/api/statistics/wave-comparison")
                .then().statusCode(200)
                .body("earlier.responses", equalTo(10)).body("earlier.nps", equalTo(-100.0f))
                .body("later.responses", equalTo(10)).body("later.nps", equalTo(100.0f))
                .body("nps.difference", equalTo(200.0f))
                .body("nps.low", equalTo(112.24f)).body("nps.high", equalTo(200.0f))
                .body("nps.verdict", equalTo("CHANGED"))
                .body("trust.difference", equalTo(0.1f))
                .body("trust.low", equalTo(-0.47f)).body("trust.high", equalTo(0.62f))
                .body("trust.verdict", equalTo("NOT_DISTINGUISHABLE"))
                .body("csat.difference", nullValue()).body("csat.verdict", nullValue());
    }

    @Test
    void aWaveWithoutAnswersGivesNoVerdict() {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        answer(survey, incident, 1, 9, 4);

        given().auth().oauth2(ANALYST).queryParam("incidentId", incident).queryParam("earlierWave", 1)
                .queryParam("laterWave", 2).get("/api/statistics/wave-comparison")
                .then().statusCode(200)
                .body("later.responses", equalTo(0))
                .body("nps.difference", nullValue()).body("nps.verdict", nullValue());
    }

    @Test
    void badAndMissingWavesAreNamed() {
        given().auth().oauth2(ANALYST).queryParam("earlierWave", "zero")
                .get("/api/statistics/wave-comparison")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("earlierWave")).body("errors.field", hasItem("laterWave"));
    }

    @Test
    void aWaveComparedWithItselfIsRefused() {
        given().auth().oauth2(ANALYST).queryParam("earlierWave", 2).queryParam("laterWave", 2)
                .get("/api/statistics/wave-comparison")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("laterWave"));
    }

    private void answer(UUID survey, UUID incident, int wave, int nps, int trust) {
        String customer = fixtures.customer(incident, "en", "GB", "retail");
        fixtures.invite(survey, customer, incident, wave);
        String link = fixtures.linkOfLatest(customer);
        ResponseService.Form form = responses.answer(link.substring("/survey/".length()),
                Fixtures.answers("nps", nps, "trust", trust), false, true);
        assertThat(form.submitted()).isTrue();
    }
}
