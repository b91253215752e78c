package org.candor.feedback.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.CloudEventHeaders;
import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.feedback.Fixtures;
import org.candor.feedback.KafkaRecords;
import org.candor.feedback.MovableClock;
import org.candor.feedback.OutboxDrain;
import org.candor.feedback.domain.Invitation;
import org.candor.testsupport.TestKafka;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class InvitationServiceTest {

    @Inject
    Fixtures fixtures;
    @Inject
    MovableClock clock;
    @Inject
    InvitationService invitations;
    @Inject
    SurveyService surveys;
    @Inject
    ResponseService responses;
    @Inject
    ObjectMapper json;
    @Inject
    OutboxDrain drain;
    @Inject
    CustomerService customers;

    @Test
    void invitationIsANotificationRequestWithPersonalLinkAndOneLinkPerScore() throws Exception {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        UUID incident = UUID.randomUUID();
        String customer = fixtures.customer(incident, "de-DE", "DE", "retail");

        assertThat(fixtures.invite(survey, customer, incident, 1)).isEqualTo(InvitationService.Outcome.INVITED);

        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> customer.equals(r.key()), Duration.ofSeconds(30));
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(NotificationRequested.TYPE);
        JsonNode data = json.readTree(record.value());
        assertThat(data.path("messageType").asText()).isEqualTo("survey-invitation");
        assertThat(data.path("mandatory").asBoolean()).isFalse();
        assertThat(data.path("recipient").path("customerId").asText()).isEqualTo(customer);
        assertThat(data.path("recipient").path("locale").asText()).isEqualTo("de");
        assertThat(data.path("recipient").path("email").isNull()).isTrue();
        String link = data.path("parameters").path("surveyLink").asText();
        assertThat(link).startsWith("http://localhost:8085/survey/");
        assertThat(data.path("parameters").path("scoreLink.0").asText()).isEqualTo(link + "?nps=0");
        assertThat(data.path("parameters").path("scoreLink.10").asText()).isEqualTo(link + "?nps=10");
        assertThat(data.path("parameters").path("firstQuestion").asText())
                .isEqualTo("Wie wahrscheinlich empfehlen Sie uns weiter?");
    }

    @Test
    void secondInvitationWithinThirtyDaysIsHeldBackAcrossSurveys() {
        UUID first = Fixtures.createSurvey("CAMPAIGN", false);
        UUID second = Fixtures.createSurvey("CAMPAIGN", false);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");

        fixtures.invite(first, customer, null, 1);
        clock.advance(Duration.ofDays(29));

        assertThat(fixtures.invite(second, customer, null, 1)).isEqualTo(InvitationService.Outcome.FATIGUED);
        assertThat(invitationsOf(customer)).isEqualTo(1);
    }

    @Test
    void invitationIsAllowedAgainOnceThirtyDaysHavePassed() {
        UUID first = Fixtures.createSurvey("CAMPAIGN", false);
        UUID second = Fixtures.createSurvey("CAMPAIGN", false);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");

        fixtures.invite(first, customer, null, 1);
        clock.advance(Duration.ofDays(30));

        assertThat(fixtures.invite(second, customer, null, 1)).isEqualTo(InvitationService.Outcome.INVITED);
        assertThat(invitationsOf(customer)).isEqualTo(2);
    }

    @Test
    void optedOutCustomerIsNotInvited() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        QuarkusTransaction.requiringNew().run(() -> customers.optOut(customer));

        assertThat(fixtures.invite(survey, customer, null, 1)).isEqualTo(InvitationService.Outcome.OPTED_OUT);
        assertThat(invitationsOf(customer)).isZero();
    }

    @Test
    void nonResponderGetsExactlyOneReminderAfterTheDelay() throws Exception {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        fixtures.invite(survey, customer, null, 1);

        clock.advance(Duration.ofDays(3));
        invitations.sendReminders(surveys);
        assertThat(reminded(customer)).isFalse();

        clock.advance(Duration.ofDays(1));
        invitations.sendReminders(surveys);
        invitations.sendReminders(surveys);

        clock.advance(Duration.ofDays(5));
        invitations.sendReminders(surveys);

        assertThat(reminded(customer)).isTrue();
        assertThat(countRecords(customer, "survey-reminder")).isEqualTo(1);
    }

    @Test
    void whoAnsweredGetsNoReminder() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        String link = fixtures.invitedLink(survey, customer, null);
        String token = link.substring("/survey/".length());
        responses.answer(token, Fixtures.answers("nps", 9, "trust", 4), false, true);

        clock.advance(Duration.ofDays(5));
        invitations.sendReminders(surveys);

        assertThat(reminded(customer)).isFalse();
    }

    private long invitationsOf(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> Invitation.count("customerId", customer));
    }

    private boolean reminded(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> Invitation.<Invitation>find("customerId", customer)
                .firstResult().remindedAt != null);
    }

    private long countRecords(String customer, String messageType) {
        drain.awaitPublished();
        return KafkaRecords.matching(Topics.NOTIFICATION_REQUESTS,
                r -> customer.equals(r.key()) && r.value().contains("\"" + messageType + "\"")).size();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
