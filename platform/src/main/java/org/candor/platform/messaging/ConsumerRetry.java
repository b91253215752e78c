package org.candor.platform.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;

/**
 * Applies a consumed event and retries it in place while its failure is transient
 * ({@link TransientFailures}): database restarts and failovers, lost connections, lock and statement
 * timeouts, serialization conflicts, Kafka timeouts. The waits grow exponentially with random jitter.
 *
 * <p>The retry happens on the thread that processes the channel, one record at a time, so nothing
 * later in the partition is applied before the record that waits, and the record is not
 * acknowledged, so its offset is not committed; the connector pauses fetching while its queue is
 * full and keeps polling, so the consumer stays in its group. A permanent failure is thrown to the
 * caller at once and ends on the dead-letter topic with its reason.
 */
@ApplicationScoped
public class ConsumerRetry {

    private final ConsumerRetryConfig config;
    private final Counter retries;
    private final Map<String, Instant> waiting = new ConcurrentHashMap<>();
    private volatile boolean stopping;

    ConsumerRetry(ConsumerRetryConfig config, MeterRegistry registry) {
        this.config = config;
        this.retries = Counter.builder("candor.consumer.retries")
                .description("Attempts to apply a consumed event again after a transient failure")
                .register(registry);
        registry.gauge("candor.consumer.waiting", waiting, Map::size);
    }

    /**
     * Applies {@code record} with {@code apply} in a transaction of its own, retrying transient
     * failures; throws a permanent failure, or {@link ConsumerStoppedException} if the service stops
     * meanwhile.
     */
    public void inTransaction(ConsumerRecord<?, ?> record, Runnable apply) {
        inTransaction(describe(record), apply);
    }

    /** As {@link #inTransaction(ConsumerRecord, Runnable)}, for work described by {@code what} (e.g. a batch). */
    public void inTransaction(String what, Runnable apply) {
        run(what, () -> QuarkusTransaction.requiringNew().run(apply));
    }

    /** Runs {@code work} (without a transaction of its own), retrying transient failures. */
    public void run(String what, Runnable work) {
        run(what, config.giveUpAfter(), work);
    }

    /** As {@link #run(String, Runnable)}, giving up only after {@code giveUpAfter}. */
    public void run(String what, Duration giveUpAfter, Runnable work) {
        Instant firstFailure = null;
        Duration backoff = config.initialBackoff();
        try {
            for (int attempt = 1;; attempt++) {
                try {
                    work.run();
                    if (firstFailure != null) {
                        Log.infof("%s applied at attempt %d, %s after its first failure", what, attempt,
                                Duration.between(firstFailure, Instant.now()));
                    }
                    return;
                } catch (ConsumerStoppedException e) {
                    throw e;
                } catch (RuntimeException e) {
                    if (!TransientFailures.isTransient(e)) {
                        throw e;
                    }
                    Instant now = Instant.now();
                    if (firstFailure == null) {
                        firstFailure = now;
                        waiting.put(what, now);
                    } else if (Duration.between(firstFailure, now).compareTo(giveUpAfter) > 0) {
                        throw new IllegalStateException(what + " still failed after " + giveUpAfter + ": "
                                + e.getMessage(), e);
                    }
                    Log.warnf("%s failed transiently (attempt %d), retrying in about %d ms: %s", what, attempt,
                            backoff.toMillis(), e.getMessage());
                    retries.increment();
                    pause(what, jittered(backoff), e);
                    backoff = min(backoff.multipliedBy(2), config.maxBackoff());
                }
            }
        } finally {
            if (firstFailure != null) {
                waiting.remove(what);
            }
        }
    }

    /** What waits for a retry right now, and since when: for the health check. */
    public Map<String, Instant> waiting() {
        return Map.copyOf(waiting);
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    private void pause(String what, long millis, RuntimeException lastFailure) {
        long until = System.currentTimeMillis() + millis;
        try {
            // In short steps, so that a stopping service is not held up by a long backoff.
            while (System.currentTimeMillis() < until) {
                if (stopping) {
                    throw new ConsumerStoppedException(what, lastFailure);
                }
                Thread.sleep(Math.min(100, Math.max(1, until - System.currentTimeMillis())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConsumerStoppedException(what, lastFailure);
        }
        if (stopping) {
            throw new ConsumerStoppedException(what, lastFailure);
        }
    }

    // Between half the backoff and all of it, so that many consumers do not retry in step.
    private static long jittered(Duration backoff) {
        long millis = Math.max(1, backoff.toMillis());
        return millis / 2 + ThreadLocalRandom.current().nextLong(millis - millis / 2 + 1);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String describe(ConsumerRecord<?, ?> record) {
        return "Record " + record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
