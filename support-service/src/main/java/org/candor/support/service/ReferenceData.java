package org.candor.support.service;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.candor.platform.tx.TransactionHooks;
import org.candor.support.config.SupportConfig;
import org.candor.support.domain.BusinessCalendar;
import org.candor.support.domain.Priority;
import org.candor.support.domain.SlaPolicy;
import org.candor.support.domain.SupportQueue;

/**
 * What opening and answering a ticket read on every request but supervisors and incident events
 * change rarely: the queues with their calendars, the SLA policy per priority and the active
 * incident. Read once and kept for {@code candor.support.reference-data.max-age}.
 *
 * <p>A change made by this replica ({@link #changedInThisTransaction()}) is seen by its next request
 * after the change commits; a change made by another replica within at most the maximum age. The
 * cached queues and policies are copies, never managed entities: nothing written to them reaches
 * the database.
 */
@ApplicationScoped
public class ReferenceData {

    /** A queue and its business calendar, worked out once. */
    public record Queue(SupportQueue queue, BusinessCalendar calendar) {
    }

    private record Snapshot(Map<String, Queue> queues, Map<Priority, SlaPolicy> policies, Optional<UUID> activeIncident,
            long generation, long loadedAtNanos) {
    }

    private static final Object INVALIDATE_KEY = new Object();

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final long maxAgeNanos;
    /** Counts changes; a snapshot read while one committed is used once but not kept. */
    private final AtomicLong generation = new AtomicLong();
    private volatile Snapshot snapshot;

    ReferenceData(EntityManager entityManager, TransactionSynchronizationRegistry transactions, SupportConfig config) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.maxAgeNanos = config.referenceData().maxAge().toNanos();
    }

    public Optional<Queue> queue(String code) {
        return Optional.ofNullable(current().queues.get(code));
    }

    public Optional<SlaPolicy> policy(Priority priority) {
        return Optional.ofNullable(current().policies.get(priority));
    }

    /** The incident a new ticket most likely concerns: the latest declared one that is not closed. */
    public Optional<UUID> activeIncident() {
        return current().activeIncident;
    }

    /**
     * Says that the running transaction changes queues, policies or incidents: what is cached is
     * dropped now and again once the transaction has ended, so no read made before the commit survives it.
     */
    public void changedInThisTransaction() {
        generation.incrementAndGet();
        snapshot = null;
        TransactionHooks.afterEnd(transactions, INVALIDATE_KEY, () -> {
            generation.incrementAndGet();
            snapshot = null;
        });
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current != null && current.generation == generation.get()
                && System.nanoTime() - current.loadedAtNanos < maxAgeNanos) {
            return current;
        }
        long readGeneration = generation.get();
        Snapshot loaded = load(readGeneration);
        if (maxAgeNanos > 0 && generation.get() == readGeneration) {
            snapshot = loaded;
        }
        return loaded;
    }

    /** One statement: every queue and policy (a handful of rows each) and the active incident. */
    private Snapshot load(long readGeneration) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select 'Q', q.code, q.name, array_to_string(q.skills, ','), q.business_start, q.business_end,
                       q.business_days, q.holidays, q.time_zone, q.auto_assign, null, null, null, q.weekday_hours
                from support_queue q
                union all
                select 'P', p.priority, null, null, null, null, null, null, null, null,
                       p.first_response_minutes, p.next_response_minutes, p.resolution_minutes, null
                from sla_policy p
                union all
                (select 'I', cast(i.id as text), null, null, null, null, null, null, null, null, null, null, null, null
                 from known_incident i where i.phase <> 'CLOSED'
                 order by i.declared_at desc, i.recorded_at desc limit 1)""").getResultList();
        Map<String, Queue> queues = new HashMap<>();
        Map<Priority, SlaPolicy> policies = new EnumMap<>(Priority.class);
        UUID activeIncident = null;
        for (Object[] row : rows) {
            switch ((String) row[0]) {
                case "Q" -> {
                    SupportQueue queue = new SupportQueue();
                    queue.code = (String) row[1];
                    queue.name = (String) row[2];
                    String skills = (String) row[3];
                    queue.skills = skills == null || skills.isEmpty() ? new String[0] : skills.split(",");
                    queue.businessStart = localTime(row[4]);
                    queue.businessEnd = localTime(row[5]);
                    queue.businessDays = (String) row[6];
                    queue.holidays = (String) row[7];
                    queue.timeZone = (String) row[8];
                    queue.autoAssign = (Boolean) row[9];
                    queue.weekdayHours = (String) row[13];
                    queues.put(queue.code, new Queue(queue, BusinessCalendar.of(queue)));
                }
                case "P" -> {
                    SlaPolicy policy = new SlaPolicy();
                    policy.priority = Priority.valueOf((String) row[1]);
                    policy.firstResponseMinutes = ((Number) row[10]).intValue();
                    policy.nextResponseMinutes = ((Number) row[11]).intValue();
                    policy.resolutionMinutes = ((Number) row[12]).intValue();
                    policies.put(policy.priority, policy);
                }
                default -> activeIncident = UUID.fromString((String) row[1]);
            }
        }
        return new Snapshot(Map.copyOf(queues), policies, Optional.ofNullable(activeIncident), readGeneration,
                System.nanoTime());
    }

    private static java.time.LocalTime localTime(Object value) {
        if (value == null || value instanceof java.time.LocalTime) {
            return (java.time.LocalTime) value;
        }
        return ((java.sql.Time) value).toLocalTime();
    }
}
