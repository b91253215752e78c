package org.candor.platform.ratelimit;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * A token bucket per key (a client address, an email address's digest, ...) whose state lives in the
 * service's PostgreSQL database (table {@code rate_limit_bucket}, Bucket4j), so that every replica draws on
 * the same budget: with N replicas a client still gets the limit once, not N times. A key may send
 * {@code capacity} requests at once and then earns them back evenly over {@code period}.
 *
 * <p>Each check is one short transaction of its own on a pooled connection (row locked with
 * {@code SELECT ... FOR UPDATE}); do not call it inside another transaction.
 */
public final class SharedRateLimiter {

    /** Whether a request may go ahead and, if not, how long until it may. */
    public record Decision(boolean allowed, Duration retryAfter) {
    }

    private final String name;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final BucketConfiguration configuration;

    /**
     * @param name what is limited, e.g. {@code subscriptions}; part of every key, so that limits never share a bucket
     */
    public SharedRateLimiter(String name, int capacity, Duration period, DataSource dataSource, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.name = name;
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource).primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                // A bucket that has filled up again is as good as none: its row may go.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .clientClock(new ClockTime(clock)).build();
    }

    /** Counts a request for {@code key} and says whether it is within the limit. */
    public Decision tryAcquire(String key) {
        ConsumptionProbe probe = buckets.getProxy(name + ":" + key, () -> configuration).tryConsumeAndReturnRemaining(1);
        return new Decision(probe.isConsumed(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }

    /** The service's clock as Bucket4j's time source (every replica's clock is kept in sync by NTP). */
    private record ClockTime(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            // Through the instant, not millis(): Java 17's tick clock divides by zero in millis() when it
            // ticks in less than a millisecond, as the services' microsecond clocks do.
            java.time.Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }

    /** Deletes up to {@code batchSize} rows of buckets that are full again; call it periodically. */
    public int removeExpired(int batchSize) {
        return buckets.removeExpired(batchSize);
    }
}
