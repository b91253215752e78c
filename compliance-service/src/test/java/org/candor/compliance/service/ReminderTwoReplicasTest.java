package org.candor.compliance.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.candor.compliance.Fixtures;
import org.candor.contracts.Topics;
import org.candor.contracts.compliance.ObligationOverdue;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Infrastructure;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two replicas racing through a whole day of deadlines: at every step of a simulated clock, two threads run the
 * reminder job at the same instant, each obligation in its own transaction on the real PostgreSQL, and the
 * outbox relay publishes to the real Kafka broker. Every reminder, escalation and overdue event must be on the
 * topics exactly once.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ReminderTwoReplicasTest {

    private static final int INCIDENTS = 5;
    private static final Duration STEP = Duration.ofMinutes(30);
    private static final List<String> KINDS = List.of("PT24H", "PT4H", "PT1H", ReminderService.OVERDUE);
    /** The DPO and the compliance officer of the test profile. */
    private static final int RECIPIENTS = 2;

    @Inject
    ReminderService reminders;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    @Test
    void twoConcurrentRunnersSendEveryReminderAndEscalationExactlyOnce() throws Exception {
        // Five NIS2 early warnings (24 h after awareness), due seven minutes apart from an hour from now.
        Instant firstDue = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Map<UUID, Instant> dueAt = new HashMap<>();
        for (int i = 0; i < INCIDENTS; i++) {
            UUID incident = UUID.randomUUID();
            Fixtures.declare(incident, firstDue.plus(Duration.ofMinutes(7L * i)).minus(Duration.ofHours(24)));
            awaitObligation(incident, "NIS2_EARLY_WARNING");
            UUID obligation = UUID.fromString((String) obligation(incident, "NIS2_EARLY_WARNING").get("id"));
            dueAt.put(obligation, QuarkusTransaction.requiringNew().call(() -> entityManager
                    .createQuery("select o.dueAt from Obligation o where o.id = :id", Instant.class)
                    .setParameter("id", obligation).getSingleResult()));
        }
        Instant lastDue = dueAt.values().stream().max(Instant::compareTo).orElseThrow();

        // From 24 h before the last deadline to past it, in steps shorter than the narrowest window (1 h).
        int rounds = 0;
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (Instant now = lastDue.minus(Duration.ofHours(24)); !now.isAfter(lastDue.plus(STEP)); now = now.plus(STEP)) {
                race(replicas, now);
                rounds++;
            }
        } finally {
            replicas.shutdownNow();
        }
        assertThat(rounds).isEqualTo(50);

        Set<String> expectedKeys = new HashSet<>();
        dueAt.forEach((obligation, due) -> KINDS.forEach(kind -> {
            for (int recipient = 0; recipient < RECIPIENTS; recipient++) {
                expectedKeys.add("compliance:" + obligation + ":" + kind + ":" + due.getEpochSecond() + ":" + recipient);
            }
        }));
        Set<String> ours = dueAt.keySet().stream().map(UUID::toString).collect(Collectors.toSet());
        awaitPublished(dueAt.keySet());
        Map<String, Long> requestsByKey = readToEnd(Topics.NOTIFICATION_REQUESTS).stream()
                .map(record -> Fixtures.json(record.value()))
                .filter(request -> ours.contains(request.path("parameters").path("obligationId").asText()))
                .collect(Collectors.groupingBy(request -> request.path("idempotencyKey").asText(), Collectors.counting()));
        assertThat(requestsByKey.keySet()).containsExactlyInAnyOrderElementsOf(expectedKeys);
        assertThat(requestsByKey).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));

        Map<String, Long> overdueByObligation = readToEnd(Topics.COMPLIANCE_OBLIGATIONS).stream()
                .filter(record -> ours.contains(record.key())
                        && ObligationOverdue.TYPE.equals(new String(record.headers().lastHeader("ce_type").value())))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(overdueByObligation).hasSize(INCIDENTS)
                .allSatisfy((obligation, count) -> assertThat(count).as(obligation).isEqualTo(1));
    }

    /** Both runners released at the same instant with the same clock. */
    private void race(ExecutorService replicas, Instant now) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(replicas.submit(() -> {
                start.await();
                return reminders.dispatch(now);
            }));
        }
        for (Future<Integer> run : runs) {
            run.get();
        }
    }

    /** Waits until the relay has published every outbox row about these obligations. */
    private void awaitPublished(Set<UUID> obligations) {
        await().atMost(Duration.ofSeconds(60)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            long unpublished = 0;
            for (UUID obligation : obligations) {
                unpublished += ((Number) entityManager.createNativeQuery("select count(*) from outbox_event"
                        + " where published_at is null and payload::text like :id")
                        .setParameter("id", "%" + obligation + "%").getSingleResult()).longValue();
            }
            return unpublished == 0;
        }));
    }

    /** Every record of {@code topic} up to its current end. */
    private static List<ConsumerRecord<String, String>> readToEnd(String topic) {
        Map<TopicPartition, Long> end = TestKafka.endOffsets(topic);
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            Function<TopicPartition, Boolean> behind = partition -> consumer.position(partition) < end.get(partition);
            while (end.keySet().stream().anyMatch(behind::apply)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
