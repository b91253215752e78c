package org.candor.incident.service.subscriptions;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Deletes pending subscriptions once their confirmation has expired (every replica may; the deletes are idempotent). */
@ApplicationScoped
public class PendingSubscriptionPurge {

    private final SubscriptionService subscriptions;

    PendingSubscriptionPurge(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Scheduled(every = "${candor.incident.pending-subscription-purge-interval:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void purge() {
        subscriptions.deleteExpiredPending();
    }
}
