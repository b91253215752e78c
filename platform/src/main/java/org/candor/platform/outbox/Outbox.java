package org.candor.platform.outbox;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.candor.contracts.CandorEvent;
import org.candor.contracts.EventCatalog;
import org.candor.contracts.EventType;
import org.candor.platform.tx.TransactionHooks;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Records domain events in the outbox table, inside the caller's transaction. Nothing is sent to
 * Kafka here: the relay publishes the row after the transaction commits.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_KEY = new Object();

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    Outbox(EntityManager entityManager, ObjectMapper objectMapper, TransactionSynchronizationRegistry transactions,
            OutboxRelay relay) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Writes {@code event} to the outbox; it is published only if the surrounding transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID record(CandorEvent event, Instant occurredAt) {
        EventType type = EventCatalog.of(event.getClass());
        OutboxEvent row = new OutboxEvent();
        row.id = UUID.randomUUID();
        row.aggregateType = type.aggregateType();
        row.aggregateId = event.aggregateId();
        row.type = type.type();
        row.occurredAt = occurredAt;
        row.payload = toJson(event);
        entityManager.persist(row);
        wakeRelayAfterCommit();
        return row.id;
    }

    /**
     * Writes many events in one JDBC batch, inside the caller's transaction: for bulk changes such
     * as imports, where one entity per event would be too slow.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAll(List<? extends CandorEvent> events, Instant occurredAt) {
        if (events.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("insert into outbox_event "
                    + "(id, aggregate_type, aggregate_id, type, occurred_at, payload) values (?, ?, ?, ?, ?, ?::jsonb)")) {
                Timestamp occurred = Timestamp.from(occurredAt);
                for (CandorEvent event : events) {
                    EventType type = EventCatalog.of(event.getClass());
                    insert.setObject(1, UUID.randomUUID());
                    insert.setString(2, type.aggregateType());
                    insert.setString(3, event.aggregateId());
                    insert.setString(4, type.type());
                    insert.setTimestamp(5, occurred);
                    insert.setString(6, toJson(event));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        TransactionHooks.afterCommit(transactions, WAKE_KEY, relay::wake);
    }

    private String toJson(CandorEvent event) {
        try {
            return objectMapper.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event " + event.getClass().getSimpleName() + " cannot be serialised", e);
        }
    }
}
