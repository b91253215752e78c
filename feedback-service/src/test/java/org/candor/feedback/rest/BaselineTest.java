package org.candor.feedback.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.contracts.incident.Severity;
import org.candor.feedback.Fixtures;
import org.candor.feedback.MovableClock;
import org.candor.feedback.domain.KnownIncident;
import org.candor.feedback.service.ResponseService;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A pre-incident baseline imported through the staff API and read beside each wave. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class BaselineTest {

    private static final String ANALYST = CandorTestResource.token(Roles.ANALYST);

    @Inject
    Fixtures fixtures;
    @Inject
    ResponseService responses;
    @Inject
    MovableClock clock;

    @Test
    void eachWaveIsShownBesideTheBaselineWithTheVerdictOfEachDifference() {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body("""
                {"incidentId": "%s", "label": "Customer survey Q1", "measuredFrom": "%s", "measuredTo": "%s",
                 "nps": {"promoters": 5, "passives": 2, "detractors": 3},
                 "csat": {"answers": 80, "satisfied": 48},
                 "trustCounts": [0, 0, 10, 0, 0]}""".formatted(incident, today().minusDays(90), today().minusDays(60)))
                .post("/api/baselines")
                .then().statusCode(201)
                // NPS 20 [-30.33, 61.10] (NpsMathTest). CSAT 48/80 = 60%, Wilson
                // (0.6 + 0.024009 ∓ 1.95996 × sqrt(0.003 + 0.000150)) / 1.048018 = [49.05, 70.04].
                // Trust ten 3s: var = (1.5/13) / 13 = 0.0088757, 3 ± 2 × 1.95996 × 0.094211 = [2.63, 3.37].
                .body("nps", equalTo(20.0f)).body("npsLow", equalTo(-30.33f)).body("npsHigh", equalTo(61.10f))
                .body("csatSatisfiedShare", equalTo(60.0f)).body("csatLow", equalTo(49.05f))
                .body("csatHigh", equalTo(70.04f))
                .body("trustMean", equalTo(3.0f)).body("trustLow", equalTo(2.63f)).body("trustHigh", equalTo(3.37f));
        // Wave 1: six 10s, two 8s, two 0s (NPS 40); trust nine 3s and a 4 (3.1); no CSAT.
        int[] nps = {10, 10, 10, 10, 10, 10, 8, 8, 0, 0};
        for (int i = 0; i < nps.length; i++) {
            answer(survey, incident, 1, nps[i], i == 0 ? 4 : 3);
        }
        // Wave 2: ten 0s (NPS -100), trust ten 3s.
        for (int i = 0; i < 10; i++) {
            answer(survey, incident, 2, 0, 3);
        }

        // Wave 1 vs baseline: NPS +20 [-47.62, 78.39] (NpsMathTest), trust +0.1 [-0.47, 0.62] (WaveComparisonTest):
        // both not distinguishable; CSAT has no answers in the wave: no verdict.
        // Wave 2 vs wave 1: NPS 6/2 of 10 → 0/10 of 10, -140 points. Wave 1 adjusted: p' = 6.75/13, d' = 2.75/13,
        // var 0.048930 (NpsMathTest); wave 2: p' = 0.75/13, d' = 10.75/13, NPS' = -0.769231, var 0.022531
        // (WaveComparisonTest); centre -1.076923, margin 1.95996 × sqrt(0.071461) = 0.523941 → [-160.09, -55.30].
        given().auth().oauth2(ANALYST).queryParam("incidentId", incident).get("/api/statistics/waves")
                .then().statusCode(200)
                .body("baseline.label", equalTo("Customer survey Q1"))
                .body("waves", hasSize(2))
                .body("waves[0].wave", equalTo(1)).body("waves[0].scores.nps", equalTo(40.0f))
                .body("waves[0].versusBaseline.nps.difference", equalTo(20.0f))
                .body("waves[0].versusBaseline.nps.low", equalTo(-47.62f))
                .body("waves[0].versusBaseline.nps.high", equalTo(78.39f))
                .body("waves[0].versusBaseline.nps.verdict", equalTo("NOT_DISTINGUISHABLE"))
                .body("waves[0].versusBaseline.trust.difference", equalTo(0.1f))
                .body("waves[0].versusBaseline.trust.verdict", equalTo("NOT_DISTINGUISHABLE"))
                .body("waves[0].versusBaseline.csat.verdict", nullValue())
                .body("waves[0].versusPrevious", nullValue())
                .body("waves[1].versusPrevious.nps.difference", equalTo(-140.0f))
                .body("waves[1].versusPrevious.nps.low", equalTo(-160.09f))
                .body("waves[1].versusPrevious.nps.high", equalTo(-55.30f))
                .body("waves[1].versusPrevious.nps.verdict", equalTo("CHANGED"));
    }

    @Test
    void anIncidentWithoutItsOwnBaselineIsReadAgainstTheOrganisations() {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        String label = "Organisation " + UUID.randomUUID();
        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body("""
                {"label": "%s", "measuredFrom": "%s", "measuredTo": "%s", "trustCounts": [1, 2, 3, 4, 5]}"""
                .formatted(label, today().minusDays(30), today().minusDays(1)))
                .post("/api/baselines").then().statusCode(201);
        answer(survey, incident, 1, 9, 4);

        given().auth().oauth2(ANALYST).queryParam("incidentId", incident).get("/api/statistics/waves")
                .then().statusCode(200)
                .body("baseline.label", equalTo(label)).body("baseline.incidentId", nullValue())
                .body("waves[0].versusBaseline.nps.verdict", nullValue());
    }

    @Test
    void inconsistentBaselineIsRefusedNamingEachFieldAndNothingIsStored() {
        UUID incident = UUID.randomUUID();

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body("""
                {"incidentId": "%s", "label": "Q1", "measuredFrom": "%s", "measuredTo": "%s",
                 "csat": {"answers": 10, "satisfied": 11}, "nps": {"promoters": 0, "passives": 0, "detractors": 0}}"""
                .formatted(incident, today().minusDays(10), today().minusDays(20)))
                .post("/api/baselines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("measuredTo", "csat.satisfied", "nps"));

        given().auth().oauth2(ANALYST).queryParam("incidentId", incident).get("/api/baselines")
                .then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void negativeCountsAndMissingFieldsAreNamed() {
        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body("""
                {"measuredFrom": "2026-01-01", "nps": {"promoters": -1, "passives": 0, "detractors": 2},
                 "trustCounts": [1, 2, 3, 4]}""")
                .post("/api/baselines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("label", "measuredTo", "nps.promoters", "trustCounts"));
    }

    @Test
    void aBaselineMeasuredAfterTheIncidentWasDetectedIsRefused() {
        UUID incident = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            KnownIncident known = new KnownIncident();
            known.id = incident;
            known.title = "Breach";
            known.severity = Severity.HIGH;
            known.detectedAt = clock.instant().minus(Duration.ofDays(10));
            known.awareAt = known.detectedAt;
            known.declaredAt = known.detectedAt;
            known.recordedAt = clock.instant();
            known.persist();
        });

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body("""
                {"incidentId": "%s", "label": "Q1", "measuredFrom": "%s", "measuredTo": "%s",
                 "trustCounts": [1, 2, 3, 4, 5]}""".formatted(incident, today().minusDays(30), today().minusDays(5)))
                .post("/api/baselines")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("measuredTo"));
    }

    @Test
    void baselinesNeedTheAnalystRole() {
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).get("/api/baselines")
                .then().statusCode(403);
    }

    private java.time.LocalDate today() {
        return clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
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
