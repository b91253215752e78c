package org.candor.feedback.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.contracts.Topics;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.contracts.support.TicketResolved;
import org.candor.feedback.Fixtures;
import org.candor.feedback.KafkaRecords;
import org.candor.feedback.MovableClock;
import org.candor.feedback.OutboxDrain;
import org.candor.feedback.domain.Invitation;
import org.candor.feedback.domain.ScheduledSend;
import org.candor.feedback.service.TriggerService;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Events from the real broker schedule surveys; the clock decides when they go out. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class TriggersTest {

    @Inject
    MovableClock clock;
    @Inject
    TriggerService triggers;
    @Inject
    OutboxDrain drain;

    @Test
    void resolvedTicketGetsASatisfactionSurveyAfterTheDelay() {
        Fixtures.createSurvey("SATISFACTION", false);
        UUID ticket = UUID.randomUUID();
        String customer = "C-" + UUID.randomUUID();
        TestEvents.sendCloudEvent(Topics.SUPPORT_TICKETS, null, ticket.toString(), UUID.randomUUID(),
                TicketResolved.TYPE, """
                {"ticketId":"%s","channel":"CHAT","queue":"breach-hotline","incidentId":null,"customerId":"%s",
                 "locale":"de","country":"AT","resolvedAt":"%s"}""".formatted(ticket, customer, clock.instant()));
        awaitScheduled("ticket:" + ticket);

        clock.advance(Duration.ofHours(23));
        triggers.dispatchDue();
        assertThat(invitations(customer)).isZero();

        clock.advance(Duration.ofHours(1));
        triggers.dispatchDue();

        assertThat(invitations(customer)).isEqualTo(1);
        Invitation invitation = QuarkusTransaction.requiringNew()
                .call(() -> Invitation.<Invitation>find("customerId", customer).firstResult());
        assertThat(invitation.channel).isEqualTo("CHAT");
        assertThat(invitation.country).isEqualTo("AT");
        assertThat(invitation.locale).isEqualTo("de");
        TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> customer.equals(r.key()) && r.value().contains("\"survey-invitation\""), Duration.ofSeconds(30));
    }

    @Test
    void resolvedIncidentSurveysItsAffectedCustomersAfterNDaysThenInWaves() {
        Fixtures.createSurvey("TRUST", true);
        UUID incident = UUID.randomUUID();
        String first = addAffected(incident, "de");
        String second = addAffected(incident, "en");
        // Customers and status travel on different topics: wait until both customers are known.
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                ((Number) Panache.getEntityManager()
                        .createNativeQuery("select count(*) from customer_incident where incident_id = :i")
                        .setParameter("i", incident).getSingleResult()).longValue()) == 2);
        sendStatus(incident, "RESOLVED");
        awaitScheduled("incident:" + incident + ":wave:3");

        clock.advance(Duration.ofDays(7));
        triggers.dispatchDue();
        assertThat(wave(first, incident, 1)).isEqualTo(1);
        assertThat(wave(second, incident, 1)).isEqualTo(1);

        clock.advance(Duration.ofDays(30));
        triggers.dispatchDue();
        assertThat(wave(first, incident, 2)).isEqualTo(1);

        clock.advance(Duration.ofDays(60));
        triggers.dispatchDue();
        assertThat(wave(second, incident, 3)).isEqualTo(1);
        drain.awaitPublished();
        assertThat(KafkaRecords.matching(Topics.NOTIFICATION_REQUESTS,
                r -> first.equals(r.key()) && r.value().contains("\"survey-invitation\""))).hasSize(3);
    }

    @Test
    void statusOtherThanResolvedSchedulesNothing() {
        UUID incident = UUID.randomUUID();
        UUID later = UUID.randomUUID();
        sendStatus(incident, "MONITORING");
        sendStatus(later, "RESOLVED");

        awaitScheduled("incident:" + later + ":wave:1");
        assertThat(QuarkusTransaction.requiringNew()
                .call(() -> ScheduledSend.count("incidentId", incident))).isZero();
    }

    @Test
    void ticketEventOfUnknownTypeGoesToTheDeadLetterTopic() {
        String key = UUID.randomUUID().toString();

        TestEvents.sendCloudEvent(Topics.SUPPORT_TICKETS, null, key, UUID.randomUUID(), "candor.ticket.melted.v1", "{}");

        var deadLetter = TestKafka.awaitRecord(Topics.deadLetter("feedback"), r -> key.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(new String(deadLetter.headers().lastHeader("dead-letter-reason").value()))
                .contains("Unknown event type candor.ticket.melted.v1");
    }

    private String addAffected(UUID incident, String locale) {
        String customer = "C-" + UUID.randomUUID();
        TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, null, customer, UUID.randomUUID(),
                AffectedCustomerAdded.TYPE, """
                {"incidentId":"%s","customer":{"customerId":"%s","name":"Erika Mustermann","email":"erika@example.org",
                 "phone":null,"locale":"%s","country":"DE","region":"DE-BY","segment":"retail"},"occurredAt":"%s"}"""
                        .formatted(incident, customer, locale, Instant.now()));
        return customer;
    }

    private void sendStatus(UUID incident, String status) {
        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, null, incident.toString(), UUID.randomUUID(),
                StatusUpdatePublished.TYPE, """
                {"incidentId":"%s","updateId":"%s","revision":1,"status":"%s","audience":"PUBLIC",
                 "messages":{"en":"Resolved.","de":"Behoben."},"notifyPeople":true,"publishedAt":"%s",
                 "nextUpdateDueAt":null}""".formatted(incident, UUID.randomUUID(), status, clock.instant()));
    }

    private static void awaitScheduled(String sourceKey) {
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> ScheduledSend.count("sourceKey", sourceKey)) == 1);
    }

    private static long invitations(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> Invitation.count("customerId", customer));
    }

    private static long wave(String customer, UUID incident, int wave) {
        return QuarkusTransaction.requiringNew().call(() -> Invitation.count(
                "customerId = ?1 and incidentId = ?2 and wave = ?3", customer, incident, wave));
    }
}
