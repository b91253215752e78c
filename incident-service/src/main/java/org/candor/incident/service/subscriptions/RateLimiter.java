package org.candor.incident.service.subscriptions;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.incident.config.IncidentConfig;
import org.candor.platform.ratelimit.SharedRateLimiter;

import io.quarkus.scheduler.Scheduled;

/**
 * The per-client limit on the public subscription endpoints, keyed on the real client address (the one
 * a trusted proxy forwarded) and shared by every replica through PostgreSQL.
 */
@ApplicationScoped
public class RateLimiter {

    private final SharedRateLimiter limiter;

    RateLimiter(IncidentConfig config, DataSource dataSource, Clock clock) {
        this.limiter = new SharedRateLimiter("subscriptions", config.subscriptionRequestsPerMinute(), Duration.ofMinutes(1),
                dataSource, clock);
    }

    /** Counts a request from {@code client} and says whether it is within the limit. */
    public SharedRateLimiter.Decision allow(String client) {
        return limiter.tryAcquire(client);
    }

    @Scheduled(every = "1m")
    void forgetIdleClients() {
        limiter.removeExpired(1000);
    }
}
