package org.candor.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.header;
import static org.candor.support.TestData.openTicket;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.CloudEventHeaders;
import org.candor.contracts.Topics;
import org.candor.support.service.CustomerContact;
import org.candor.support.service.Notifications;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An outbox row carrying contact details (a notification request to an address) leaves the table in
 * the transaction that records its publication; rows without personal data stay, marked published,
 * for {@code candor.outbox.retention}.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class OutboxPersonalDataTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Notifications notifications;

    @Inject
    EntityManager entityManager;

    @Test
    void aPublishedNotificationRequestToAnAddressLeavesTheOutbox() {
        String idempotencyKey = "outbox-personal-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> notifications.toContact(idempotencyKey, "chat-verification-code",
                new CustomerContact(CustomerContact.EMAIL, "erika.outbox@example.org"), "de", Map.of("code", "123456"),
                true, Instant.now()));

        ConsumerRecord<String, String> published = TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                record -> record.value() != null && record.value().contains(idempotencyKey), WAIT);
        UUID rowId = UUID.fromString(header(published, CloudEventHeaders.ID));

        await().atMost(WAIT).until(() -> rows(rowId) == 0);
    }

    @Test
    void aPublishedTicketEventStaysMarkedPublished() {
        String ticketId = openTicket("general");

        TestKafka.awaitRecord(Topics.SUPPORT_TICKETS, record -> ticketId.equals(record.key()), WAIT);

        await().atMost(WAIT).until(() -> publishedRowsOf(ticketId) > 0);
    }

    private long rows(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where id = :id").setParameter("id", id)
                .getSingleResult()).longValue());
    }

    private long publishedRowsOf(String aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where aggregate_id = :id and published_at is not null")
                .setParameter("id", aggregateId).getSingleResult()).longValue());
    }
}
