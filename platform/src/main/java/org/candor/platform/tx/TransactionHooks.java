package org.candor.platform.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work to do once the running transaction has ended, registered at most once per transaction and key
 * however often it is asked for (a wake-up after many inserts, a cache dropped after many changes).
 */
public final class TransactionHooks {

    private TransactionHooks() {
    }

    /** Runs {@code action} once after the running transaction commits; not at all if it rolls back. */
    public static void afterCommit(TransactionSynchronizationRegistry transactions, Object key, Runnable action) {
        register(transactions, key, action, true);
    }

    /** Runs {@code action} once after the running transaction ends, committed or rolled back. */
    public static void afterEnd(TransactionSynchronizationRegistry transactions, Object key, Runnable action) {
        register(transactions, key, action, false);
    }

    private static void register(TransactionSynchronizationRegistry transactions, Object key, Runnable action,
            boolean onlyOnCommit) {
        if (transactions.getResource(key) != null) {
            return;
        }
        transactions.putResource(key, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED || !onlyOnCommit && status == Status.STATUS_ROLLEDBACK) {
                    action.run();
                }
            }
        });
    }
}
