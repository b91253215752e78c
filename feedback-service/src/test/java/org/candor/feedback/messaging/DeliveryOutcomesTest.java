package org.candor.feedback.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationDelivered;
import org.candor.contracts.notification.NotificationFailed;
import org.candor.feedback.Fixtures;
import org.candor.feedback.MovableClock;
import org.candor.feedback.service.ResponseService;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Response rates over invitations actually delivered: notification-service's outcomes arrive on the real
 * broker and are counted per invitation, bounced and never reached apart.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class DeliveryOutcomesTest {

    private static final String ANALYST = CandorTestResource.token(Roles.ANALYST);

    @Inject
    Fixtures fixtures;
    @Inject
    ResponseService responses;
    @Inject
    MovableClock clock;
    @Inject
    ObjectMapper json;

    @Test
    void responseRateCountsAnswersOverDeliveredInvitations() throws Exception {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        String answered = invited(survey, incident);
        String delivered = invited(survey, incident);
        String bouncedAfterAcceptance = invited(survey, incident);
        String failed = invited(survey, incident);
        String emailBouncedSmsDelivered = invited(survey, incident);
        invited(survey, incident);
        Instant at = clock.instant().plusSeconds(30);
        // Accepted by a provider: five deliveries in one batch, the last person's SMS among them.
        send(NotificationBatchDelivered.TYPE, new NotificationBatchDelivered(UUID.randomUUID(), List.of(
                accepted(answered, incident, "EMAIL", at), accepted(delivered, incident, "EMAIL", at),
                accepted(bouncedAfterAcceptance, incident, "EMAIL", at),
                accepted(emailBouncedSmsDelivered, incident, "EMAIL", at),
                accepted(emailBouncedSmsDelivered, incident, "SMS", at))));
        send(NotificationFailed.TYPE, new NotificationFailed(UUID.randomUUID(), incident, bouncedAfterAcceptance,
                "survey-invitation", "EMAIL", "bounced: 550 mailbox unavailable", at.plusSeconds(60)));
        send(NotificationFailed.TYPE, new NotificationFailed(UUID.randomUUID(), incident, emailBouncedSmsDelivered,
                "survey-invitation", "EMAIL", "bounced: 550 mailbox unavailable", at.plusSeconds(60)));
        send(NotificationFailed.TYPE, new NotificationFailed(UUID.randomUUID(), incident, failed,
                "survey-invitation", "EMAIL", "554 address rejected", at));
        // Another message to the same person is not the invitation's outcome.
        send(NotificationDelivered.TYPE, new NotificationDelivered(UUID.randomUUID(), incident, failed,
                "breach-notice", "SMS", "sms-a", at));
        String link = fixtures.linkOfLatest(answered);
        responses.answer(link.substring("/survey/".length()), Fixtures.answers("nps", 9, "trust", 4), false, true);

        // 6 invited: delivered = answered, delivered, emailBouncedSmsDelivered (3); bounced 1; not reached 1
        // (failed, whose breach notice does not count); awaiting 1. Answered 1: 1 of 3 delivered = 33.33%,
        // 1 of 6 invited = 16.67%.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ANALYST)
                .queryParam("incidentId", incident).get("/api/statistics/response-rates")
                .then().statusCode(200)
                .body("[0].invited", equalTo(6))
                .body("[0].delivered", equalTo(3))
                .body("[0].bounced", equalTo(1))
                .body("[0].notReached", equalTo(1))
                .body("[0].awaitingOutcome", equalTo(1))
                .body("[0].answered", equalTo(1))
                .body("[0].deliveredResponseRate", equalTo(33.33f))
                .body("[0].responseRate", equalTo(16.67f)));
    }

    @Test
    void anOutcomeBeforeAnyInvitationCountsNowhere() throws Exception {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        String customer = invited(survey, incident);
        String other = invited(survey, incident);
        // An outcome dated well before the invitation belongs to an earlier message, not to this invitation.
        // Both go to one partition, so once the second is counted the first has been handled.
        send(incident.toString(), NotificationDelivered.TYPE, new NotificationDelivered(UUID.randomUUID(), incident,
                customer, "survey-invitation", "EMAIL", "smtp", clock.instant().minus(Duration.ofDays(40))));
        send(incident.toString(), NotificationDelivered.TYPE, new NotificationDelivered(UUID.randomUUID(), incident,
                other, "survey-invitation", "EMAIL", "smtp", clock.instant().plusSeconds(5)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(ANALYST)
                .queryParam("incidentId", incident).get("/api/statistics/response-rates")
                .then().statusCode(200)
                .body("[0].invited", equalTo(2))
                .body("[0].delivered", equalTo(1))
                .body("[0].awaitingOutcome", equalTo(1)));
    }

    private String invited(UUID survey, UUID incident) {
        String customer = fixtures.customer(incident, "en", "GB", "retail");
        fixtures.invite(survey, customer, incident, 1);
        return customer;
    }

    private static NotificationBatchDelivered.Delivered accepted(String customer, UUID incident, String channel,
            Instant at) {
        return new NotificationBatchDelivered.Delivered(UUID.randomUUID(), incident, customer, "survey-invitation",
                channel, "provider", at);
    }

    private void send(String type, Object event) throws Exception {
        send(UUID.randomUUID().toString(), type, event);
    }

    private void send(String key, String type, Object event) throws Exception {
        TestEvents.sendCloudEvent(Topics.NOTIFICATION_EVENTS, null, key, UUID.randomUUID(), type,
                json.writeValueAsString(event));
    }
}
