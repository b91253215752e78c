package org.candor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.candor.contracts.CloudEventHeaders;
import org.candor.contracts.Topics;
import org.candor.contracts.incident.IncidentDeclared;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay of the packaged incident-service is killed (SIGKILL) while it publishes, then
 * started again: every event must reach Kafka.
 */
class OutboxRelayCrashIT {

    private static final ServiceSpec INCIDENT = ServiceSpec.named("incident-service");
    private static final int EVENTS = 60_000;

    private static Suite suite;

    @BeforeAll
    static void startInfrastructure() throws Exception {
        Path root = Path.of(System.getProperty("candor.root", "../..")).toAbsolutePath().normalize();
        suite = new Suite(root, Files.createTempDirectory("candor-relay-it"), Suite.Ports.free()).startInfrastructure();
        // A first start creates the schema; the service then stops so the outbox can be filled behind its back.
        suite.startService(INCIDENT).stop();
    }

    @AfterAll
    static void stopInfrastructure() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void relayKilledMidBatchAndRestartedLosesNoEvent() throws Exception {
        Set<String> ids = fillOutbox(EVENTS);

        ServiceProcess first = suite.startService(INCIDENT);
        long publishedWhenKilled = awaitPublishedAtLeast(1, Duration.ofSeconds(60));
        first.kill();
        long publishedAfterKill = published();
        System.out.printf("[candor-it] relay killed with %d of %d events marked published%n", publishedAfterKill, EVENTS);
        assertThat(publishedAfterKill).as("the kill must land mid-way through the outbox").isLessThan(EVENTS);
        assertThat(publishedWhenKilled).isPositive();

        suite.startService(INCIDENT);
        awaitPublishedAtLeast(EVENTS, Duration.ofSeconds(120));

        Set<String> onTopic = readEventIds(ids.size(), Duration.ofSeconds(60));
        assertThat(onTopic).containsAll(ids);
    }

    private Set<String> fillOutbox(int count) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into outbox_event (id, aggregate_type, aggregate_id, type, occurred_at, payload)
                        values (?::uuid, 'incident', ?, ?, now(), ?::jsonb)""")) {
            connection.setAutoCommit(false);
            for (int i = 0; i < count; i++) {
                String eventId = UUID.randomUUID().toString();
                String incidentId = UUID.randomUUID().toString();
                insert.setString(1, eventId);
                insert.setString(2, incidentId);
                insert.setString(3, IncidentDeclared.TYPE);
                insert.setString(4, "{\"incidentId\":\"" + incidentId + "\",\"title\":\"Incident " + i + "\","
                        + "\"summary\":\"Load\",\"severity\":\"LOW\",\"detectedAt\":\"2026-01-01T00:00:00Z\","
                        + "\"awareAt\":\"2026-01-01T00:00:00Z\",\"declaredAt\":\"2026-01-01T00:00:00Z\"}");
                insert.addBatch();
                ids.add(eventId);
                if (i % 5_000 == 4_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        return ids;
    }

    private long awaitPublishedAtLeast(long expected, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            long published = published();
            if (published >= expected) {
                return published;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("Fewer than " + expected + " events published within " + timeout);
    }

    private long published() throws SQLException {
        try (Connection connection = connect();
                ResultSet result = connection.createStatement()
                        .executeQuery("select count(*) from outbox_event where published_at is not null")) {
            result.next();
            return result.getLong(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(suite.jdbcUrl(INCIDENT.database()), INCIDENT.database(),
                suite.databasePassword(INCIDENT));
    }

    private Set<String> readEventIds(int atLeast, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "relay-crash-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Set<String> seen = new HashSet<>();
        long records = 0;
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.INCIDENT_EVENTS));
            while (seen.size() < atLeast && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                    seen.add(new String(id.value(), StandardCharsets.UTF_8));
                    records++;
                }
            }
        }
        System.out.printf("[candor-it] %d records on the topic for %d distinct events (%d sent twice)%n", records,
                seen.size(), records - seen.size());
        return seen;
    }

}
