package org.candor.compliance.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.compliance.Fixtures;
import org.candor.contracts.Topics;
import org.candor.contracts.compliance.ObligationOverdue;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Two replicas are two dispatchers running at the same moment against the same database; a restart is a
 * dispatcher running again. Each must leave exactly one reminder per recipient and one overdue notice.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ReminderServiceTest {

    @Inject
    ReminderService reminders;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    private UUID earlyWarningDueIn(Duration left) {
        UUID incident = UUID.randomUUID();
        // NIS2's early warning is due 24 h after awareness.
        Fixtures.declare(incident, Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(24)).plus(left));
        awaitObligation(incident, "NIS2_EARLY_WARNING");
        return UUID.fromString((String) obligation(incident, "NIS2_EARLY_WARNING").get("id"));
    }

    private Instant dueAt(UUID obligation) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select o.dueAt from Obligation o where o.id = :id", Instant.class)
                .setParameter("id", obligation).getSingleResult());
    }

    private long outboxCount(String type, UUID obligation) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where type = :type and payload::text like :id")
                .setParameter("type", type).setParameter("id", "%" + obligation + "%").getSingleResult()).longValue());
    }

    /** Runs the dispatcher in two threads released at the same instant, as two replicas would. */
    private void twoReplicas(Instant now) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return reminders.dispatch(now);
                }));
            }
            start.countDown();
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneHourReminderGoesOutOncePerRecipientWithTwoReplicasAndARestart() throws Exception {
        UUID obligation = earlyWarningDueIn(Duration.ofMinutes(50));
        Instant now = dueAt(obligation).minus(Duration.ofMinutes(50));

        twoReplicas(now);
        reminders.dispatch(now.plusSeconds(60));

        // The DPO and the compliance officer: one request each.
        assertThat(outboxCount(NotificationRequested.TYPE, obligation)).isEqualTo(2);
        var published = TestKafka.awaitRecords(Topics.NOTIFICATION_REQUESTS,
                record -> record.value().contains(obligation.toString()), 2, Duration.ofSeconds(30));
        assertThat(published).extracting(record -> record.value().contains(Fixtures.DPO_EMAIL)).containsOnlyOnce(true);
        assertThat(Fixtures.json(published.get(0).value()).path("parameters").path("reminder").asText()).isEqualTo("PT1H");
        assertThat(Fixtures.json(published.get(0).value()).path("mandatory").asBoolean()).isTrue();
    }

    @Test
    void eachOffsetGetsItsOwnReminder() throws Exception {
        UUID obligation = earlyWarningDueIn(Duration.ofHours(5));
        Instant due = dueAt(obligation);

        reminders.dispatch(due.minus(Duration.ofHours(5)));
        reminders.dispatch(due.minus(Duration.ofMinutes(230)));
        reminders.dispatch(due.minus(Duration.ofMinutes(50)));

        // 24 h (reached at 5 h before), 4 h and 1 h: three reminders to two people.
        assertThat(outboxCount(NotificationRequested.TYPE, obligation)).isEqualTo(6);
    }

    @Test
    void passedDeadlineIsMarkedOverdueAndEscalatedOnceWithTwoReplicas() throws Exception {
        UUID obligation = earlyWarningDueIn(Duration.ofMinutes(30));
        Instant afterDue = dueAt(obligation).plusSeconds(1);

        twoReplicas(afterDue);
        reminders.dispatch(afterDue.plusSeconds(120));

        assertThat(outboxCount(ObligationOverdue.TYPE, obligation)).isEqualTo(1);
        // The escalation: one urgent request to the DPO and one to the compliance officer.
        assertThat(outboxCount(NotificationRequested.TYPE, obligation)).isEqualTo(2);
        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select o.status from Obligation o where o.id = :id").setParameter("id", obligation)
                .getSingleResult()).toString()).isEqualTo("OVERDUE");
        TestKafka.awaitRecord(Topics.COMPLIANCE_OBLIGATIONS, record -> obligation.toString().equals(record.key())
                && new String(record.headers().lastHeader("ce_type").value()).equals(ObligationOverdue.TYPE),
                Duration.ofSeconds(30));
    }

    @Test
    void filingCommittedWhileTheDeadlinePassesIsNotOverwrittenByOverdue() throws Exception {
        UUID obligation = earlyWarningDueIn(Duration.ofMinutes(30));
        Instant due = dueAt(obligation);
        // Settle every other passed deadline first, so the only overdue notice left to send is this one.
        reminders.dispatch(due.minusSeconds(1));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<Future<Integer>> dispatcher = new AtomicReference<>();
            // What a filing's transaction does: it holds the audit chain's lock while it settles the obligation.
            QuarkusTransaction.requiringNew().run(() -> {
                entityManager.createNativeQuery("select pg_advisory_xact_lock(:key)")
                        .setParameter("key", AuditLog.CHAIN_LOCK).getSingleResult();
                entityManager.createNativeQuery("update obligation set status = 'FILED' where id = :id")
                        .setParameter("id", obligation).executeUpdate();
                dispatcher.set(pool.submit(() -> reminders.dispatch(due.plusSeconds(1))));
                // The dispatcher has read the obligation while it was still OPEN and now waits for this transaction.
                await().pollInSameThread().atMost(Duration.ofSeconds(30)).until(() -> ((Number) entityManager
                        .createNativeQuery("select count(*) from pg_locks where not granted")
                        .getSingleResult()).longValue() > 0);
            });
            dispatcher.get().get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select o.status from Obligation o where o.id = :id").setParameter("id", obligation)
                .getSingleResult()).toString()).isEqualTo("FILED");
        assertThat(outboxCount(ObligationOverdue.TYPE, obligation)).isZero();
    }
}
