package org.candor.platform.outbox;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.candor.platform.tx.TransactionHooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Outbox rows the relay set aside because Kafka kept refusing them, and the rows of their aggregates
 * that wait behind them: listed for staff, counted by the gauge {@code candor_outbox_set_aside}, and
 * put back in line once the cause is fixed.
 */
@ApplicationScoped
public class OutboxSetAside {

    private static final Object REFRESH_KEY = new Object();

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final AtomicLong rows = new AtomicLong();

    OutboxSetAside(EntityManager entityManager, TransactionSynchronizationRegistry transactions, OutboxRelay relay,
            MeterRegistry registry) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.relay = relay;
        registry.gauge("candor.outbox.set.aside", rows);
    }

    /**
     * A set-aside outbox row. No payload: it may carry contact details.
     *
     * @param id the row's id, also the event's {@code ce_id}
     * @param type the event type
     * @param aggregateType the aggregate the event belongs to
     * @param aggregateId its id, the Kafka key
     * @param occurredAt when the event happened
     * @param attempts how often Kafka refused it
     * @param reason Kafka's last refusal
     * @param setAsideAt when the relay set it aside
     * @param waitingBehind later events of the same aggregate that wait for it
     */
    public record SetAsideEvent(UUID id, String type, String aggregateType, String aggregateId, Instant occurredAt,
            int attempts, String reason, Instant setAsideAt, long waitingBehind) {
    }

    /** How many rows are set aside, how many aggregates they hold back and how many events wait behind them. */
    public record Summary(long setAside, long aggregatesHeld, long waitingBehind, Instant oldestSetAside,
            long unpublished, Instant oldestUnpublished) {
    }

    /** The set-aside rows, oldest first, at most {@code limit}. */
    @Transactional
    public List<SetAsideEvent> list(int limit) {
        return select("", limit).stream().map(OutboxSetAside::toEvent).toList();
    }

    @Transactional
    public Optional<SetAsideEvent> find(UUID id) {
        return select("and e.id = :id", 1, id).stream().map(OutboxSetAside::toEvent).findFirst();
    }

    /**
     * Puts a set-aside row back in line with its attempts reset, for after the cause is fixed (a topic's
     * size limit or ACL, a deployment that knows the type again); returns it, or empty if it is not set aside.
     */
    @Transactional
    public Optional<SetAsideEvent> retry(UUID id) {
        Optional<SetAsideEvent> row = find(id);
        if (row.isEmpty()) {
            return row;
        }
        entityManager.createNativeQuery("update outbox_event set set_aside_at = null, attempts = 0 where id = :id")
                .setParameter("id", id).executeUpdate();
        TransactionHooks.afterCommit(transactions, REFRESH_KEY, () -> {
            CompletableFuture.runAsync(this::refresh);
            relay.wake();
        });
        return row;
    }

    /** Whether a row with {@code id} is in the outbox at all (set aside or not). */
    @Transactional
    public boolean exists(UUID id) {
        return !entityManager.createNativeQuery("select 1 from outbox_event where id = :id").setParameter("id", id)
                .getResultList().isEmpty();
    }

    @Transactional
    public Summary summary() {
        Object[] held = (Object[]) entityManager.createNativeQuery("select count(*), count(distinct (aggregate_type,"
                + " aggregate_id)), min(set_aside_at) from outbox_event where set_aside_at is not null and published_at is null")
                .getSingleResult();
        Object[] pending = (Object[]) entityManager.createNativeQuery("select count(*), min(occurred_at) from outbox_event"
                + " where published_at is null and set_aside_at is null").getSingleResult();
        long behind = ((Number) entityManager.createNativeQuery("select count(*) from outbox_event e where"
                + " e.published_at is null and e.set_aside_at is null and exists (select 1 from outbox_event s where"
                + " s.set_aside_at is not null and s.published_at is null and s.aggregate_type = e.aggregate_type"
                + " and s.aggregate_id = e.aggregate_id)").getSingleResult()).longValue();
        long setAside = ((Number) held[0]).longValue();
        rows.set(setAside);
        return new Summary(setAside, ((Number) held[1]).longValue(), behind, instant(held[2]),
                ((Number) pending[0]).longValue(), instant(pending[1]));
    }

    /** Refreshes the gauge; the relay calls it after it sets rows aside. */
    void refreshAfterCommit() {
        // On another thread: this one has just ended the relay's transaction.
        TransactionHooks.afterCommit(transactions, REFRESH_KEY, () -> CompletableFuture.runAsync(this::refresh));
    }

    @Scheduled(every = "30s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        QuarkusTransaction.requiringNew().run(() -> rows.set(((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where set_aside_at is not null and published_at is null")
                .getSingleResult()).longValue()));
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> select(String condition, int limit, Object... id) {
        var query = entityManager.createNativeQuery("select e.id, e.type, e.aggregate_type, e.aggregate_id, e.occurred_at,"
                + " e.attempts, e.last_error, e.set_aside_at, (select count(*) from outbox_event w where w.published_at"
                + " is null and w.set_aside_at is null and w.aggregate_type = e.aggregate_type and w.aggregate_id ="
                + " e.aggregate_id and w.seq > e.seq) from outbox_event e where e.set_aside_at is not null and"
                + " e.published_at is null " + condition + " order by e.seq limit " + Math.max(1, limit));
        if (id.length > 0) {
            query.setParameter("id", id[0]);
        }
        return query.getResultList();
    }

    private static SetAsideEvent toEvent(Object[] row) {
        return new SetAsideEvent((UUID) row[0], (String) row[1], (String) row[2], (String) row[3], instant(row[4]),
                ((Number) row[5]).intValue(), (String) row[6], instant(row[7]), ((Number) row[8]).longValue());
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalArgumentException("Not a timestamp: " + value.getClass());
    }
}
