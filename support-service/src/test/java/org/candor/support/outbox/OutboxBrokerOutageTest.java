package org.candor.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.openTicket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.candor.contracts.Topics;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.FreePorts;
import org.candor.testsupport.InProcessKafka;
import org.candor.testsupport.TemporaryDirectories;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A Kafka outage is not poison: while no broker answers, the relay counts no attempt and sets nothing
 * aside, even with a single attempt allowed; once a broker is there, the waiting events go out.
 */
@QuarkusTest
@WithTestResource(OutboxBrokerOutageTest.BrokerLaterResource.class)
class OutboxBrokerOutageTest {

    /** Real PostgreSQL; a Kafka address where a broker starts only when the test says so. */
    public static class BrokerLaterResource extends CandorTestResource {

        static final int PORT = FreePorts.next();

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            config.put("kafka.bootstrap.servers", "127.0.0.1:" + PORT);
            config.put("candor.outbox.max-attempts", "1");
            config.put("candor.outbox.send-timeout", "2s");
            return config;
        }
    }

    @Inject
    EntityManager entityManager;

    @Test
    void eventsWaitWhileTheBrokerIsDownAndGoOutWhenItIsBack() throws Exception {
        String ticketId = openTicket("general");

        await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                .until(() -> row(ticketId).equals(List.of(0, false, false)));

        Path dir = Files.createTempDirectory("candor-outage-broker");
        try (InProcessKafka broker = InProcessKafka.start(dir, BrokerLaterResource.PORT)) {
            await().atMost(Duration.ofSeconds(90)).until(() -> row(ticketId).get(2).equals(true));
            assertThat(keysOn(broker, Topics.SUPPORT_TICKETS)).contains(ticketId);
            assertThat(row(ticketId)).containsExactly(0, false, true);
        } finally {
            TemporaryDirectories.deleteQuietly(dir);
        }
    }

    /** attempts, set aside, published of the ticket's event. */
    private List<Object> row(String ticketId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object[] row = (Object[]) entityManager.createNativeQuery("select attempts, set_aside_at is not null,"
                    + " published_at is not null from outbox_event where aggregate_id = :id order by seq limit 1")
                    .setParameter("id", UUID.fromString(ticketId).toString()).getSingleResult();
            return List.of(((Number) row[0]).intValue(), row[1], row[2]);
        });
    }

    private static List<String> keysOn(InProcessKafka broker, String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "outage-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(record.key());
                }
                return !keys.isEmpty();
            });
        }
        return keys;
    }
}
