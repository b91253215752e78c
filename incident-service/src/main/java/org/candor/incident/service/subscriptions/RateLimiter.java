package org.candor.incident.service.subscriptions;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.incident.config.IncidentConfig;
import org.candor.platform.ratelimit.ClientRateLimiter;

import io.quarkus.scheduler.Scheduled;

/** The per-client limit on the public subscription endpoints. */
@ApplicationScoped
public class RateLimiter {

    private final ClientRateLimiter limiter;

    RateLimiter(IncidentConfig config, Clock clock) {
        this.limiter = new ClientRateLimiter(config.subscriptionRequestsPerMinute(), clock);
    }

    /** Counts a request from {@code client} and says whether it is within the limit. */
    public boolean allow(String client) {
        return limiter.allow(client);
    }

    @Scheduled(every = "1m")
    void forgetIdleClients() {
        limiter.forgetIdleClients();
    }
}
