package org.candor.feedback.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.CloudEventHeaders;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.CustomerErased;
import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.contracts.feedback.ResponseReceived;
import org.candor.contracts.feedback.ScoreChanged;
import org.candor.feedback.Fixtures;
import org.candor.feedback.KafkaRecords;
import org.candor.feedback.OutboxDrain;
import org.candor.feedback.domain.Invitation;
import org.candor.feedback.domain.SurveyCustomer;
import org.candor.feedback.domain.SurveyResponse;
import org.candor.feedback.service.ResponseService;
import org.candor.feedback.service.ScorePublisher;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.ReceivedEvent;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What feedback-service tells the others, read back from the real broker and checked against the contracts. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class FeedbackEventsTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ResponseService responses;
    @Inject
    EventDecoder decoder;
    @Inject
    OutboxDrain drain;
    @Inject
    ScorePublisher scores;

    @Test
    void detractorWhoAgreesToBeContactedBecomesAFollowUpForSupport() {
        UUID incident = UUID.randomUUID();
        UUID survey = Fixtures.createSurvey("TRUST", false);
        String customer = fixtures.customer(incident, "de", "DE", "retail");
        fixtures.invite(survey, customer, incident, 1);

        responses.answer(token(fixtures.linkOfLatest(customer)), Fixtures.answers("nps", 3, "trust", 2), true, true);

        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.FEEDBACK_EVENTS,
                r -> FollowUpRequested.TYPE.equals(header(r, CloudEventHeaders.TYPE)) && r.value().contains(customer),
                Duration.ofSeconds(30));
        FollowUpRequested followUp = decoder.decode(ReceivedEvent.from(record), FollowUpRequested.class);
        assertThat(record.key()).isEqualTo(followUp.followUpId().toString());
        assertThat(followUp.customerId()).isEqualTo(customer);
        assertThat(followUp.incidentId()).isEqualTo(incident);
        assertThat(followUp.surveyId()).isEqualTo(survey);
        assertThat(followUp.scoreKind()).isEqualTo("NPS");
        assertThat(followUp.score()).isEqualTo(3);
        assertThat(followUp.locale()).isEqualTo("de");
    }

    @Test
    void detractorWhoDidNotAgreeIsNotFollowedUp() {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        fixtures.invite(survey, customer, null, 1);

        responses.answer(token(fixtures.linkOfLatest(customer)), Fixtures.answers("nps", 1, "trust", 1), false, true);

        drain.awaitPublished();
        assertThat(KafkaRecords.matching(Topics.FEEDBACK_EVENTS,
                r -> FollowUpRequested.TYPE.equals(header(r, CloudEventHeaders.TYPE)) && r.value().contains(customer)))
                .isEmpty();
    }

    @Test
    void promoterWhoAgreesToBeContactedIsNotAFollowUp() {
        UUID survey = Fixtures.createSurvey("TRUST", false);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        fixtures.invite(survey, customer, null, 1);

        responses.answer(token(fixtures.linkOfLatest(customer)), Fixtures.answers("nps", 9, "trust", 4), true, true);

        drain.awaitPublished();
        assertThat(KafkaRecords.matching(Topics.FEEDBACK_EVENTS,
                r -> FollowUpRequested.TYPE.equals(header(r, CloudEventHeaders.TYPE)) && r.value().contains(customer)))
                .isEmpty();
    }

    @Test
    void submittedResponseIsPublishedWithSegmentAttributesOnly() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String customer = fixtures.customer(UUID.randomUUID(), "de", "AT", "business");
        fixtures.invite(survey, customer, null, 1);

        responses.answer(token(fixtures.linkOfLatest(customer)), Fixtures.answers("nps", 8, "trust", 3, "csat", 4),
                false, true);

        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.FEEDBACK_EVENTS,
                r -> ResponseReceived.TYPE.equals(header(r, CloudEventHeaders.TYPE)) && r.value().contains(survey.toString()),
                Duration.ofSeconds(30));
        ResponseReceived received = decoder.decode(ReceivedEvent.from(record), ResponseReceived.class);
        assertThat(received.nps()).isEqualTo(8);
        assertThat(received.csat()).isEqualTo(4);
        assertThat(received.segment()).isEqualTo("business");
        assertThat(received.country()).isEqualTo("AT");
        assertThat(record.value()).doesNotContain(customer);
    }

    @Test
    void anonymousResponseKeepsNoLinkToThePerson() {
        UUID survey = Fixtures.createSurvey("TRUST", true);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        fixtures.invite(survey, customer, null, 1);
        String link = fixtures.linkOfLatest(customer);

        responses.answer(token(link), Fixtures.answers("nps", 2, "trust", 1), true, true);

        assertThat(QuarkusTransaction.requiringNew().call(() -> Invitation.count("customerId", customer))).isZero();
        drain.awaitPublished();
        assertThat(KafkaRecords.matching(Topics.FEEDBACK_EVENTS, r -> r.value().contains(customer))).isEmpty();
    }

    @Test
    void changedIncidentScoresArePublishedOnceUntilTheyChangeAgain() {
        UUID incident = UUID.randomUUID();
        UUID survey = Fixtures.createSurvey("TRUST", true);
        String customer = fixtures.customer(incident, "en", "GB", "retail");
        fixtures.invite(survey, customer, incident, 1);
        responses.answer(token(fixtures.linkOfLatest(customer)), Fixtures.answers("nps", 10, "trust", 4), false, true);

        scores.publishChanged();
        scores.publishChanged();

        drain.awaitPublished();
        var published = KafkaRecords.matching(Topics.FEEDBACK_EVENTS,
                r -> ScoreChanged.TYPE.equals(header(r, CloudEventHeaders.TYPE)) && incident.toString().equals(r.key()));
        assertThat(published).hasSize(1);
        ScoreChanged changed = decoder.decode(ReceivedEvent.from(published.get(0)), ScoreChanged.class);
        assertThat(changed.responses()).isEqualTo(1);
        assertThat(changed.nps()).isEqualTo(100.0);
        assertThat(changed.trustMean()).isEqualTo(4.0);
    }

    @Test
    void erasedCustomerIsForgottenAndTheirCommentRemoved() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        fixtures.invite(survey, customer, null, 1);
        responses.answer(token(fixtures.linkOfLatest(customer)),
                Fixtures.answers("nps", 7, "trust", 3, "comment", "Call me on my mobile"), false, true);
        UUID invitation = QuarkusTransaction.requiringNew()
                .call(() -> Invitation.<Invitation>find("customerId", customer).firstResult().id);

        TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, null, customer, UUID.randomUUID(), CustomerErased.TYPE,
                "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"" + Instant.now() + "\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> SurveyCustomer.findById(customer) == null));
        SurveyResponse response = QuarkusTransaction.requiringNew()
                .call(() -> SurveyResponse.<SurveyResponse>find("invitationId", invitation).firstResult());
        assertThat(response.answers).doesNotContain("mobile");
        assertThat(response.nps).isEqualTo((short) 7);
        assertThat(QuarkusTransaction.requiringNew().call(() -> Invitation.count("customerId", customer))).isZero();
    }

    private static String token(String link) {
        return link.substring("/survey/".length());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
