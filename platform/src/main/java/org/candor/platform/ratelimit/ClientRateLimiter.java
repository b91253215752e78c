package org.candor.platform.ratelimit;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A token bucket per client for public, unauthenticated endpoints: a client may send {@code perMinute}
 * requests at once and then one more every {@code 60 / perMinute} seconds. Unlike a fixed window, a
 * burst that straddles a minute boundary gets no second allowance.
 *
 * <p>Per instance: with N replicas a client gets at most N times the limit, which is enough to stop abuse.
 */
public final class ClientRateLimiter {

    private record Bucket(double tokens, long atMillis) {
    }

    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock;

    public ClientRateLimiter(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be at least 1, was " + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    /** Counts a request from {@code client} and says whether it is within the limit. */
    public boolean allow(String client) {
        long now = clock.millis();
        boolean[] allowed = new boolean[1];
        buckets.compute(client, (key, bucket) -> {
            double tokens = bucket == null ? perMinute : refilled(bucket, now);
            allowed[0] = tokens >= 1;
            return new Bucket(allowed[0] ? tokens - 1 : tokens, now);
        });
        return allowed[0];
    }

    /** Drops the buckets of clients that have been quiet long enough to be full again; call it periodically. */
    public void forgetIdleClients() {
        long now = clock.millis();
        buckets.values().removeIf(bucket -> refilled(bucket, now) >= perMinute);
    }

    int trackedClients() {
        return buckets.size();
    }

    private double refilled(Bucket bucket, long now) {
        double earned = Math.max(0, now - bucket.atMillis()) * perMinute / 60_000.0;
        return Math.min(perMinute, bucket.tokens() + earned);
    }
}
