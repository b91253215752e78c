package org.candor.support.chat;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.candor.platform.http.ClientAddress;
import org.candor.platform.ratelimit.SharedRateLimiter;
import org.candor.support.config.SupportConfig;

import io.quarkus.scheduler.Scheduled;

/**
 * Limits how many chats one client may open per minute: the widget needs no account, so this keeps a script
 * from flooding the waiting line. Keyed on the real client (X-Forwarded-For only from a trusted proxy, see
 * {@link ClientAddress}) and shared by every replica through PostgreSQL (a token bucket).
 */
@ApplicationScoped
public class NewChatLimiter {

    private final SharedRateLimiter limiter;
    private final ClientAddress clients;

    @Inject
    NewChatLimiter(SupportConfig config, DataSource dataSource, Clock clock, ClientAddress clients) {
        this(config.chat().maxNewChatsPerMinute(), dataSource, clock, clients);
    }

    NewChatLimiter(int limit, DataSource dataSource, Clock clock, ClientAddress clients) {
        this.limiter = new SharedRateLimiter("new-chats", limit, Duration.ofMinutes(1), dataSource, clock);
        this.clients = clients;
    }

    /**
     * Counts a new chat from the client behind {@code peer} (the handshake's direct peer) and its
     * {@code X-Forwarded-For}; false when that client is over its limit.
     */
    public boolean tryAcquire(String peer, String forwardedFor) {
        return limiter.tryAcquire(clients.resolve(peer, forwardedFor)).allowed();
    }

    @Scheduled(every = "1m", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetIdleClients() {
        limiter.removeExpired(1000);
    }
}
