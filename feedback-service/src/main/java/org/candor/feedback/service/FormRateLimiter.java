package org.candor.feedback.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.feedback.config.FeedbackConfig;
import org.candor.platform.ratelimit.ClientRateLimiter;

import io.quarkus.scheduler.Scheduled;

/** The per-client limit on the public survey form and opt-out. */
@ApplicationScoped
public class FormRateLimiter {

    private final ClientRateLimiter limiter;
    private final long retryAfterSeconds;

    FormRateLimiter(FeedbackConfig config, Clock clock) {
        this.limiter = new ClientRateLimiter(config.formRequestsPerMinute(), clock);
        // The bucket earns one request back every 60 / limit seconds.
        this.retryAfterSeconds = Math.max(1, (long) Math.ceil(60.0 / config.formRequestsPerMinute()));
    }

    /** Counts a request from {@code client} and says whether it is within the limit. */
    public boolean allow(String client) {
        return limiter.allow(client);
    }

    /** How long a refused client should wait before the next request is allowed. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Scheduled(every = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetIdleClients() {
        limiter.forgetIdleClients();
    }
}
