package org.candor.notification.service;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The fan-out backlog as metrics: how many deliveries are due and waiting to be sent, and how long the oldest
 * has waited. A million-person fan-out is one Kafka record and two million delivery rows, so Kafka lag says
 * nothing about it; the autoscaler (KEDA, Prometheus trigger) and the alert "backlog not shrinking" read these.
 * Every replica reports the same database-wide figures, so queries take the {@code max} over replicas.
 */
@Startup
@ApplicationScoped
public class DeliveryBacklogMetrics {

    /** Deliveries in QUEUED whose attempt is due now (Prometheus: {@code candor_notification_deliveries_queued}). */
    public static final String QUEUED = "candor.notification.deliveries.queued";
    /** Seconds since the oldest due delivery became due ({@code candor_notification_deliveries_queued_oldest_seconds}). */
    public static final String OLDEST = "candor.notification.deliveries.queued.oldest";

    private final EntityManager entityManager;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();

    DeliveryBacklogMetrics(EntityManager entityManager, MeterRegistry registry) {
        this.entityManager = entityManager;
        Gauge.builder(QUEUED, queued, AtomicLong::doubleValue)
                .description("Deliveries due and waiting to be sent (the fan-out backlog)").register(registry);
        Gauge.builder(OLDEST, oldestSeconds, AtomicLong::doubleValue).baseUnit("seconds")
                .description("How long the oldest due delivery has waited").register(registry);
    }

    /** Counts on the partial index of queued deliveries; cheap enough every 15 seconds with millions queued. */
    @Scheduled(every = "${candor.notification.backlog-metrics-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager.createNativeQuery("""
                    select count(*), coalesce(extract(epoch from now() - min(next_attempt_at)), 0)
                    from delivery where status = 'QUEUED' and next_attempt_at <= now()""").getSingleResult());
            queued.set(((Number) row[0]).longValue());
            oldestSeconds.set(Math.max(0, Math.round(((Number) row[1]).doubleValue())));
        } catch (RuntimeException e) {
            // The figures keep their last value; the database's own health check says why.
            Log.debugf("Delivery backlog not measured: %s", e.getMessage());
        }
    }

    public long queued() {
        return queued.get();
    }

    public long oldestSeconds() {
        return oldestSeconds.get();
    }
}
