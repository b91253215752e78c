package org.candor.feedback.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.feedback.Fixtures;
import org.candor.feedback.MovableClock;
import org.candor.feedback.domain.SurveyResponse;
import org.candor.feedback.service.SurveyTokens;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The form over plain HTTP: every kind of link misuse gets a page, never a trace. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class SurveyFormResourceTest {

    @Inject
    Fixtures fixtures;
    @Inject
    MovableClock clock;
    @Inject
    SurveyTokens tokens;

    @Test
    void linkWithAlteredSignatureGetsTheInvalidLinkPage() {
        String link = newLink();
        String tampered = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");

        given().get(tampered).then().statusCode(404).contentType(containsString("text/html"))
                .body(containsString("data-kind=\"TAMPERED\""))
                .body(containsString("This link is not valid"))
                .body(not(containsString("Exception")));
    }

    @Test
    void linkWithAlteredInvitationIdGetsTheInvalidLinkPage() {
        String link = newLink();
        String token = link.substring("/survey/".length());
        char first = token.charAt(0);
        String altered = (first == 'A' ? 'B' : 'A') + token.substring(1);

        given().get("/survey/" + altered).then().statusCode(404).body(containsString("data-kind=\"TAMPERED\""));
    }

    @Test
    void garbageTokenGetsTheInvalidLinkPage() {
        given().get("/survey/not-a-token%20at-all").then().statusCode(404)
                .body(containsString("data-kind=\"TAMPERED\""));
    }

    @Test
    void correctlySignedTokenForAnUnknownInvitationGetsTheInvalidLinkPage() {
        String token = tokens.issue(UUID.randomUUID(), Instant.now().plus(Duration.ofDays(400)));

        given().get("/survey/" + token).then().statusCode(404).body(containsString("data-kind=\"UNKNOWN\""));
    }

    @Test
    void expiredLinkGetsTheExpiredPageAndKeepsNothing() {
        String link = newLink();

        clock.advance(Duration.ofDays(15));

        given().header("Accept-Language", "de").get(link + "?nps=3").then().statusCode(410)
                .body(containsString("data-kind=\"EXPIRED\""))
                .body(containsString("Dieser Link ist abgelaufen"));
    }

    @Test
    void answeredLinkCannotBeUsedAgain() {
        String link = newLink();
        given().formParam("q.nps", "8").formParam("q.trust", "4").formParam("action", "submit").post(link)
                .then().statusCode(200).body(containsString("data-kind=\"thanks\""));

        given().formParam("q.nps", "0").formParam("q.trust", "1").formParam("action", "submit").post(link)
                .then().statusCode(409).body(containsString("data-kind=\"ANSWERED\""));
        given().get(link).then().statusCode(409).body(containsString("You have already answered"));
    }

    @Test
    void scoreFromTheEmailLinkIsPrefilledAndKeptAsPartialAnswer() {
        String link = newLink();

        given().get(link + "?nps=7").then().statusCode(200)
                .body(containsString("id=\"q-nps-7\" name=\"q.nps\" value=\"7\" checked"));

        given().get(link).then().statusCode(200)
                .body(containsString("id=\"q-nps-7\" name=\"q.nps\" value=\"7\" checked"));
    }

    @Test
    void outOfRangeScoreInTheLinkIsIgnored() {
        String link = newLink();

        given().get(link + "?nps=11").then().statusCode(200).body(not(containsString("checked")));
    }

    @Test
    void submittingWithoutARequiredAnswerShowsTheQuestionAsMissing() {
        String link = newLink();

        given().formParam("q.nps", "9").formParam("action", "submit").post(link)
                .then().statusCode(400)
                .body(containsString("id=\"error-trust\""))
                .body(containsString("Please answer this question."));
        given().get(link).then().statusCode(200);
    }

    @Test
    void savingPartialAnswersKeepsThemWithoutSubmitting() {
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        String link = fixtures.invitedLink(Fixtures.createSurvey("CAMPAIGN", false), customer, null);

        given().formParam("q.nps", "4").formParam("q.comment", "Slow answers").formParam("action", "save").post(link)
                .then().statusCode(200).body(containsString("id=\"saved\""));

        given().get(link).then().statusCode(200)
                .body(containsString("value=\"4\" checked"))
                .body(containsString("Slow answers"));
        SurveyResponse stored = QuarkusTransaction.requiringNew().call(() -> SurveyResponse.<SurveyResponse>find(
                "invitationId in (select i.id from Invitation i where i.customerId = ?1)", customer).firstResult());
        assertThat(stored.submittedAt).isNull();
        assertThat(stored.nps).isEqualTo((short) 4);
    }

    private String newLink() {
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        return fixtures.invitedLink(Fixtures.createSurvey("CAMPAIGN", false), customer, null);
    }
}
