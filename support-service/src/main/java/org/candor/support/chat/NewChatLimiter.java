package org.candor.support.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.candor.support.config.SupportConfig;

/**
 * Limits how many chats one address may open per minute: the widget needs no account, so this keeps
 * a script from flooding the waiting line. Per replica, in a fixed one-minute window.
 */
@ApplicationScoped
public class NewChatLimiter {

    private record Window(Instant start, int count) {
    }

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final int limit;
    private final Clock clock;

    @Inject
    NewChatLimiter(SupportConfig config, Clock clock) {
        this(config.chat().maxNewChatsPerMinute(), clock);
    }

    NewChatLimiter(int limit, Clock clock) {
        this.limit = limit;
        this.clock = clock;
    }

    /** Counts a new chat from {@code address}; false when the address is over its limit this minute. */
    public boolean tryAcquire(String address) {
        Instant now = clock.instant();
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(entry -> entry.getValue().start().plus(WINDOW).isBefore(now));
        }
        Window window = windows.compute(address, (key, current) -> current == null
                || !now.isBefore(current.start().plus(WINDOW)) ? new Window(now, 1)
                        : new Window(current.start(), current.count() + 1));
        return window.count() <= limit;
    }
}
