package org.candor.feedback.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.feedback.Fixtures;
import org.candor.feedback.MovableClock;
import org.candor.feedback.domain.SurveyCustomer;
import org.candor.feedback.domain.SurveyResponse;
import org.candor.testsupport.CandorTestResource;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The public form with a small per-client limit: past it, a page that says so and when to come back. */
@QuarkusTest
@TestProfile(FormRateLimitTest.ThreePerMinute.class)
@WithTestResource(CandorTestResource.class)
class FormRateLimitTest {

    /** Three requests per minute: one more every 20 seconds. */
    public static class ThreePerMinute implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.feedback.form-requests-per-minute", "3");
        }
    }

    /**
     * One request is earned back every 20 seconds, on a clock that runs with real time: the wait, in whole
     * seconds rounded up, is 20 less the time the three allowed requests took, so at most 20 and at least 1.
     */
    private static final Matcher<Integer> WITHIN_THE_WINDOW = both(greaterThanOrEqualTo(1)).and(lessThanOrEqualTo(20));

    @Inject
    Fixtures fixtures;
    @Inject
    MovableClock clock;

    private UUID survey;

    @BeforeEach
    void fullBucket() {
        // Every test here comes from the same address: a minute later its bucket is full again.
        clock.advance(Duration.ofMinutes(1));
        survey = Fixtures.createSurvey("CAMPAIGN", false);
    }

    @Test
    void answerPastTheLimitGets429InGermanAndIsNotStored() {
        String link = link();
        for (int i = 0; i < 3; i++) {
            given().get(link).then().statusCode(200);
        }

        given().accept("text/html").header("Accept-Language", "de").formParam("q.nps", "9").formParam("q.trust", "4")
                .formParam("action", "submit").post(link)
                .then().statusCode(429)
                .header("Retry-After", Integer::parseInt, WITHIN_THE_WINDOW)
                .contentType(containsString("text/html"))
                .body(containsString("data-kind=\"tooManyRequests\""))
                .body(containsString("Zu viele Anfragen"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> SurveyResponse.count("surveyId", survey))).isZero();
    }

    @Test
    void refusedClientIsServedAgainAfterTheRetryAfterDelay() {
        String link = link();
        for (int i = 0; i < 3; i++) {
            given().get(link).then().statusCode(200);
        }
        given().get(link + "?lang=en").then().statusCode(429).body(containsString("Too many requests"));

        clock.advance(Duration.ofSeconds(20));

        given().get(link).then().statusCode(200);
        given().get(link).then().statusCode(429);
    }

    @Test
    void aClientNotAskingForHtmlGetsAProblemWithRetryAfter() {
        String link = link();
        for (int i = 0; i < 3; i++) {
            given().get(link).then().statusCode(200);
        }

        given().accept("application/json").get(link).then().statusCode(429)
                .header("Retry-After", Integer::parseInt, WITHIN_THE_WINDOW)
                .contentType(containsString("application/problem+json"))
                .body("status", equalTo(429));
    }

    @Test
    void optOutPastTheLimitIsRefusedAndChangesNothing() {
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        String link = fixtures.invitedLink(survey, customer, null);
        for (int i = 0; i < 3; i++) {
            given().get(link).then().statusCode(200);
        }

        given().post(link + "/opt-out?lang=en").then().statusCode(429)
                .header("Retry-After", Integer::parseInt, WITHIN_THE_WINDOW);

        assertThat(QuarkusTransaction.requiringNew()
                .call(() -> SurveyCustomer.<SurveyCustomer>findById(customer).optedOutAt)).isNull();
    }

    private String link() {
        return fixtures.invitedLink(survey, fixtures.customer(UUID.randomUUID(), "en", "GB", "retail"), null);
    }
}
