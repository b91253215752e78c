package org.candor.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.openTicket;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.contracts.Topics;
import org.candor.contracts.support.TicketOpened;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the relay's own size check set above what Kafka accepts, Kafka's producer refuses the record
 * itself: that refusal counts as an attempt too, the row is set aside, and the relay's channel keeps
 * publishing the events after it.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@TestProfile(OutboxKafkaRefusalTest.KafkaChecksTheSize.class)
class OutboxKafkaRefusalTest {

    public static class KafkaChecksTheSize implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.outbox.max-attempts", "2", "candor.outbox.max-record-size", "10000000");
        }
    }

    @Inject
    EntityManager entityManager;

    @Test
    void aRecordKafkaRefusesAsTooLargeIsSetAsideAndLaterEventsStillGoOut() {
        UUID poison = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("insert into outbox_event"
                + " (id, aggregate_type, aggregate_id, type, occurred_at, payload) values (:id, 'ticket', :aggregate,"
                + " :type, :at, cast(:payload as jsonb))")
                .setParameter("id", poison).setParameter("aggregate", UUID.randomUUID().toString())
                .setParameter("type", TicketOpened.TYPE).setParameter("at", Instant.now())
                .setParameter("payload", "{\"padding\":\"" + "x".repeat(2_000_000) + "\"}").executeUpdate());

        await().atMost(Duration.ofSeconds(60)).until(() -> lastError(poison).get(1).equals(true));
        String later = openTicket("general");

        TestKafka.awaitRecord(Topics.SUPPORT_TICKETS, record -> later.equals(record.key()), Duration.ofSeconds(30));
        assertThat((String) lastError(poison).get(0)).startsWith("RecordTooLargeException");
    }

    /** last error, set aside. */
    private List<Object> lastError(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) entityManager.createNativeQuery("select coalesce(last_error, ''),"
                    + " set_aside_at is not null from outbox_event where id = :id").setParameter("id", id).getSingleResult();
            return List.of(row[0], row[1]);
        });
    }
}
