package org.candor.platform.messaging;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RetriableException;
import org.hibernate.exception.JDBCConnectionException;
import org.hibernate.exception.LockAcquisitionException;

/**
 * Tells a failure that goes away by itself (the database restarting or failing over, a lost
 * connection, a lock or statement timeout, a serialization conflict, a Kafka timeout or commit
 * failure) from one that happens again however often the event is retried. Anything not
 * recognised here counts as permanent.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    /** Whether {@code failure}, or anything it was caused by, is a transient failure. */
    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(failure);
        while (!pending.isEmpty()) {
            Throwable current = pending.pop();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof PoisonMessageException) {
                return false;
            }
            if (transientItself(current)) {
                return true;
            }
            if (current.getCause() != null) {
                pending.push(current.getCause());
            }
            for (Throwable suppressed : current.getSuppressed()) {
                pending.push(suppressed);
            }
            if (current instanceof SQLException sql && sql.getNextException() != null) {
                pending.push(sql.getNextException());
            }
        }
        return false;
    }

    private static boolean transientItself(Throwable failure) {
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
                || failure instanceof JDBCConnectionException || failure instanceof LockAcquisitionException
                || failure instanceof LockTimeoutException || failure instanceof PessimisticLockException
                || failure instanceof QueryTimeoutException || failure instanceof OptimisticLockException
                || failure instanceof RetriableException || failure instanceof CommitFailedException) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            return transientSqlState(sql.getSQLState()) || connectionPoolTimeout(sql);
        }
        return false;
    }

    /** PostgreSQL's SQLSTATE codes of failures that a later attempt can get past. */
    static boolean transientSqlState(String state) {
        if (state == null || state.length() != 5) {
            return false;
        }
        return state.startsWith("08") // connection exception
                || state.startsWith("40") // transaction rollback: serialization failure, deadlock
                || state.startsWith("53") // insufficient resources: too many connections, out of memory
                || state.equals("55P03") // lock not available (lock_timeout)
                || state.equals("57014") // query canceled (statement_timeout)
                || state.startsWith("57P"); // admin or crash shutdown, cannot connect now (starting up)
    }

    // The pool has no SQLSTATE for "no connection became free in time"; it is still only a wait.
    private static boolean connectionPoolTimeout(SQLException sql) {
        String message = sql.getMessage();
        return sql.getSQLState() == null && message != null && message.toLowerCase().contains("acquisition timeout");
    }
}
