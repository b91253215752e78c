package org.candor.feedback.service;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.feedback.config.FeedbackConfig;
import org.candor.platform.ratelimit.SharedRateLimiter;

import io.quarkus.scheduler.Scheduled;

/**
 * The per-client limit on the public survey form and opt-out, keyed on the real client address (the one a
 * trusted proxy forwarded) and shared by every replica through PostgreSQL.
 */
@ApplicationScoped
public class FormRateLimiter {

    private final SharedRateLimiter limiter;

    FormRateLimiter(FeedbackConfig config, DataSource dataSource, Clock clock) {
        this.limiter = new SharedRateLimiter("survey-form", config.formRequestsPerMinute(), Duration.ofMinutes(1), dataSource,
                clock);
    }

    /** Counts a request from {@code client} and says whether it is within the limit, and if not for how long. */
    public SharedRateLimiter.Decision allow(String client) {
        return limiter.tryAcquire(client);
    }

    @Scheduled(every = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetIdleClients() {
        limiter.removeExpired(1000);
    }
}
