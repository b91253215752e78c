package org.candor.support.service;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.engine.spi.TransactionCompletionCallbacks.BeforeCompletionCallback;

/**
 * Writes the ticket history of a transaction: all its rows in one JDBC batch, in the order they were
 * added, after Hibernate's last flush before the commit (so every ticket they refer to is inserted by
 * then). Persisting each row as an entity cost a statement of its own at once, because the database
 * numbers the rows (identity column) and Hibernate must insert such an entity to learn its id.
 *
 * <p>The rows are not visible to queries of the same transaction before it commits; nothing reads the
 * history while changing a ticket.
 */
@ApplicationScoped
class TicketHistoryLog {

    private record Row(UUID ticketId, Instant at, String actor, String action, String detail) {
    }

    private static final Object PENDING_KEY = new Object();
    private static final String INSERT = "insert into ticket_history (ticket_id, at, actor, action, detail) values (?, ?, ?, ?, ?)";

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;

    TicketHistoryLog(EntityManager entityManager, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    /** Adds a row to the running transaction's history; it is written when the transaction commits. */
    void append(UUID ticketId, Instant at, String actor, String action, String detail) {
        @SuppressWarnings("unchecked")
        List<Row> pending = (List<Row>) transactions.getResource(PENDING_KEY);
        if (pending == null) {
            List<Row> rows = new ArrayList<>();
            transactions.putResource(PENDING_KEY, rows);
            entityManager.unwrap(SessionImplementor.class).getTransactionCompletionCallbacks()
                    .registerCallback((BeforeCompletionCallback) session -> write(session, rows));
            pending = rows;
        }
        pending.add(new Row(ticketId, at, actor, action, detail));
    }

    private static void write(SharedSessionContractImplementor session, List<Row> rows) {
        session.doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Row row : rows) {
                    insert.setObject(1, row.ticketId());
                    insert.setObject(2, OffsetDateTime.ofInstant(row.at(), ZoneOffset.UTC));
                    insert.setString(3, row.actor());
                    insert.setString(4, row.action());
                    insert.setString(5, row.detail());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }
}
