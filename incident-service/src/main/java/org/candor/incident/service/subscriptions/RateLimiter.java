package org.candor.incident.service.subscriptions;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.incident.config.IncidentConfig;

import io.quarkus.scheduler.Scheduled;

/**
 * A fixed-window limit per client address for the public subscription endpoints. Per instance:
 * with N replicas a client gets at most N times the limit, which is enough to stop abuse.
 */
@ApplicationScoped
public class RateLimiter {

    private record Window(long minute, int count) {
    }

    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();
    private final int perMinute;
    private final Clock clock;

    RateLimiter(IncidentConfig config, Clock clock) {
        this.perMinute = config.subscriptionRequestsPerMinute();
        this.clock = clock;
    }

    /** Counts a request from {@code client} and says whether it is within the limit. */
    public boolean allow(String client) {
        long minute = Instant.now(clock).getEpochSecond() / 60;
        Window window = windows.merge(client, new Window(minute, 1),
                (old, fresh) -> old.minute() == minute ? new Window(minute, old.count() + 1) : fresh);
        return window.count() <= perMinute;
    }

    @Scheduled(every = "1m")
    void forgetOldWindows() {
        long minute = Instant.now(clock).getEpochSecond() / 60;
        windows.values().removeIf(window -> window.minute() < minute);
    }
}
