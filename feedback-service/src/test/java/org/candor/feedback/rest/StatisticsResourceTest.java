package org.candor.feedback.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.feedback.Fixtures;
import org.candor.feedback.MovableClock;
import org.candor.feedback.service.ResponseService;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Statistics over answers given through the form's service, against figures worked out by hand. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@TestProfile(StatisticsResourceTest.SmallGroupsShown.class)
class StatisticsResourceTest {

    /** The arithmetic of grouping and bucketing, on groups of one or two: the small-group rule has its own test. */
    public static class SmallGroupsShown implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.feedback.min-group-size", "1");
        }
    }

    private static final String ANALYST = CandorTestResource.token(Roles.ANALYST);

    @Inject
    Fixtures fixtures;
    @Inject
    ResponseService responses;
    @Inject
    MovableClock clock;

    @Test
    void npsCsatAndTrustOfTenAnswersMatchTheHandComputedFigures() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        int[] nps = {10, 10, 10, 9, 9, 8, 7, 6, 3, 0};
        int[] trust = {1, 2, 3, 4, 5, 5, 3, 3, 3, 3};
        Integer[] csat = {5, 4, 4, 3, 1, null, null, null, null, null};
        for (int i = 0; i < nps.length; i++) {
            answer(survey, "retail", "nps", nps[i], "trust", trust[i], "csat", csat[i]);
        }

        // NPS 20, adjusted-Wald interval [-30.33, 61.10] (worked out in NpsMathTest); CSAT 3 of 5 = 60%, Wilson
        // (0.6 + 0.38415 ∓ 1.95996 × sqrt(0.048 + 0.038415)) / 1.76830 = [23.07, 88.24]; trust 32 / 10 = 3.2,
        // interval [2.48, 3.82] (NpsMathTest).
        given().auth().oauth2(ANALYST).queryParam("surveyId", survey).get("/api/statistics/scores")
                .then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].responses", equalTo(10))
                .body("[0].promoters", equalTo(5)).body("[0].passives", equalTo(2)).body("[0].detractors", equalTo(3))
                .body("[0].nps", equalTo(20.0f))
                .body("[0].npsLow", equalTo(-30.33f))
                .body("[0].npsHigh", equalTo(61.10f))
                .body("[0].npsDistribution", contains(1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 3))
                .body("[0].csatAnswers", equalTo(5))
                .body("[0].csatSatisfiedShare", equalTo(60.0f))
                .body("[0].csatLow", equalTo(23.07f)).body("[0].csatHigh", equalTo(88.24f))
                .body("[0].trustMean", equalTo(3.2f))
                .body("[0].trustLow", equalTo(2.48f)).body("[0].trustHigh", equalTo(3.82f));
    }

    @Test
    void scoresGroupBySegmentAndWeek() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        answer(survey, "retail", "nps", 10, "trust", 5, "csat", null);
        answer(survey, "business", "nps", 0, "trust", 1, "csat", null);
        clock.advance(Duration.ofDays(7));
        answer(survey, "retail", "nps", 6, "trust", 2, "csat", null);

        List<String> buckets = given().auth().oauth2(ANALYST)
                .queryParam("surveyId", survey).queryParam("groupBy", "segment").queryParam("bucket", "week")
                .get("/api/statistics/scores")
                .then().statusCode(200).body("", hasSize(3))
                .body("findAll { it.group == 'retail' }.nps", contains(100.0f, -100.0f))
                .body("find { it.group == 'business' }.nps", equalTo(-100.0f))
                .extract().path("bucket");
        assertThat(buckets.get(0)).isNotEqualTo(buckets.get(2));
    }

    @Test
    void responseRateCountsInvitedOpenedAndAnswered() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String answered1 = link(survey);
        String answered2 = link(survey);
        String opened = link(survey);
        link(survey);
        responses.answer(token(answered1), Fixtures.answers("nps", 9, "trust", 4), false, true);
        responses.answer(token(answered2), Fixtures.answers("nps", 9, "trust", 4), false, true);
        given().get(opened).then().statusCode(200);

        // 4 invited, 1 opened without answering, 2 answered: 2 of 4 = 50%.
        given().auth().oauth2(ANALYST).queryParam("surveyId", survey).get("/api/statistics/response-rates")
                .then().statusCode(200)
                .body("[0].invited", equalTo(4)).body("[0].opened", equalTo(1)).body("[0].answered", equalTo(2))
                .body("[0].responseRate", equalTo(50.0f));
    }

    @Test
    void scoresExportAsCsv() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        answer(survey, "retail", "nps", 10, "trust", 4, "csat", 5);
        answer(survey, "retail", "nps", 2, "trust", 2, "csat", 2);

        String csv = given().auth().oauth2(ANALYST).accept("text/csv").queryParam("surveyId", survey)
                .queryParam("groupBy", "segment").get("/api/statistics/scores")
                .then().statusCode(200).contentType("text/csv").extract().asString();

        // NPS 0: n' = 5, p' = d' = 0.35, margin 1.95996 × sqrt(0.7 / 5) = 0.73335 → [-73.34, 73.34].
        // CSAT 1 of 2: Wilson (0.5 + 0.96037 ∓ 1.95996 × sqrt(0.125 + 0.24009)) / 2.92073 = [9.45, 90.55].
        // Trust 4 and 2: weights 0.75, 1, 1.5, 1, 0.75 over 5 on -1..+1: mean' 0, var 0.4 / 5 = 0.08
        // → 3 ± 2 × 1.95996 × 0.28284 = [1.89, 4.11].
        assertThat(csv.split("\r\n")).containsExactly(
                "group,bucket,responses,npsAnswers,promoters,passives,detractors,nps,npsLow,npsHigh,"
                        + "csatAnswers,csatSatisfiedShare,csatLow,csatHigh,trustAnswers,trustMean,trustLow,trustHigh,"
                        + "suppressed",
                "retail,,2,2,1,0,1,0.0,-73.34,73.34,2,50.0,9.45,90.55,2,3.0,1.89,4.11,false");
    }

    @Test
    void aGroupNameASpreadsheetWouldRunIsDefusedAndQuoted() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        answer(survey, "=1+2,3", "nps", 10, "trust", 4, "csat", null);

        String csv = given().auth().oauth2(ANALYST).accept("text/csv").queryParam("surveyId", survey)
                .queryParam("groupBy", "segment").get("/api/statistics/scores")
                .then().statusCode(200).contentType("text/csv").extract().asString();

        // Prefixed with an apostrophe (no formula) and quoted (it holds a comma).
        assertThat(csv.split("\r\n")[1]).startsWith("\"'=1+2,3\",,1,1,1,0,0,100.0,");
    }

    @Test
    void responseRatesExportAsCsv() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        link(survey);
        answer(survey, "retail", "nps", 10, "trust", 4, "csat", null);

        String csv = given().auth().oauth2(ANALYST).accept("text/csv").queryParam("surveyId", survey)
                .get("/api/statistics/response-rates")
                .then().statusCode(200).contentType("text/csv").extract().asString();

        // 2 invited; the answered one counts as delivered (its link was used), the other awaits an outcome:
        // 1 of 2 invited = 50%, 1 of 1 delivered = 100%.
        assertThat(csv.split("\r\n")).containsExactly(
                "group,bucket,invited,delivered,bounced,notReached,awaitingOutcome,opened,answered,responseRate,"
                        + "deliveredResponseRate",
                "all,,2,1,0,0,1,0,1,50.0,100.0");
    }

    @Test
    void freeTextThemesLeaveOutStopWordsPerLanguage() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        answerIn(survey, "de", "Die Hotline war sehr freundlich");
        answerIn(survey, "de", "Hotline gut erreichbar, aber die Wartezeit war lang");
        answerIn(survey, "en", "The hotline was slow");

        given().auth().oauth2(ANALYST).queryParam("surveyId", survey).queryParam("locale", "de")
                .get("/api/statistics/themes")
                .then().statusCode(200)
                .body("[0].word", equalTo("hotline")).body("[0].responses", equalTo(2))
                .body("word", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("die")))
                .body("word", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem("slow")));
    }

    @Test
    void unknownGroupingIsRejectedNamingTheParameter() {
        given().auth().oauth2(ANALYST).queryParam("groupBy", "planet").queryParam("from", "2026-13-01")
                .get("/api/statistics/scores")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("from", "groupBy"));
    }

    @Test
    void statisticsNeedTheAnalystRole() {
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).get("/api/statistics/scores")
                .then().statusCode(403);
    }

    private void answer(UUID survey, String segment, String q1, int v1, String q2, int v2, String q3, Integer v3) {
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", segment);
        String link = fixtures.invitedLink(survey, customer, null);
        var answers = v3 == null ? Fixtures.answers(q1, v1, q2, v2) : Fixtures.answers(q1, v1, q2, v2, q3, v3);
        ResponseService.Form form = responses.answer(token(link), answers, false, true);
        assertThat(form.submitted()).isTrue();
    }

    private void answerIn(UUID survey, String locale, String comment) {
        String customer = fixtures.customer(UUID.randomUUID(), locale, "DE", "retail");
        String link = fixtures.invitedLink(survey, customer, null);
        responses.answer(token(link), Fixtures.answers("nps", 8, "trust", 3, "comment", comment), false, true);
    }

    private String link(UUID survey) {
        return fixtures.invitedLink(survey, fixtures.customer(UUID.randomUUID(), "en", "GB", "retail"), null);
    }

    private static String token(String link) {
        return link.substring("/survey/".length());
    }
}
