package org.candor.notification.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.candor.platform.tx.TransactionHooks;

/**
 * Wakes an idle worker when a transaction has committed work for it, so a message does not wait
 * for the next poll. Workers poll anyway: a signal is an optimisation, never the only trigger.
 */
@ApplicationScoped
public class WorkSignals {

    public enum Work {
        FAN_OUT, EMAIL, SMS
    }

    private final Map<Work, Semaphore> signals = new EnumMap<>(Work.class);

    WorkSignals() {
        for (Work work : Work.values()) {
            signals.put(work, new Semaphore(0));
        }
    }

    public void signal(Work work) {
        Semaphore semaphore = signals.get(work);
        if (semaphore.availablePermits() < 8) {
            semaphore.release(4);
        }
    }

    /** Waits until signalled or {@code timeout} passes. */
    public void await(Work work, Duration timeout) throws InterruptedException {
        Semaphore semaphore = signals.get(work);
        if (semaphore.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            semaphore.drainPermits();
        }
    }

    /** Signals each of {@code works} once the current transaction has committed (not at all if it rolls back). */
    public void afterCommit(TransactionSynchronizationRegistry transactions, Work... works) {
        TransactionHooks.afterCommit(transactions, "candor-signal-" + java.util.Arrays.toString(works), () -> {
            for (Work work : works) {
                signal(work);
            }
        });
    }
}
