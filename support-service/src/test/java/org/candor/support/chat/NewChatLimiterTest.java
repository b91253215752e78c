package org.candor.support.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.candor.platform.http.ClientAddress;
import org.candor.support.MutableClock;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The limit on new chats, on the service's real PostgreSQL (as every replica shares it) and its trusted proxy. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class NewChatLimiterTest {

    @Inject
    DataSource dataSource;
    @Inject
    MutableClock clock;
    @Inject
    ClientAddress clients;

    private NewChatLimiter limiter(int limit) {
        return new NewChatLimiter(limit, dataSource, clock, clients);
    }

    private static String client() {
        return "203.0.113." + (1 + (int) (Math.random() * 250)) + "-" + UUID.randomUUID();
    }

    @Test
    void aClientOverItsLimitIsRefusedUntilItHasEarnedAChatBack() {
        NewChatLimiter limiter = limiter(3);
        String client = client();
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("127.0.0.1:50000", client)).isTrue();
        }
        assertThat(limiter.tryAcquire("127.0.0.1:50000", client)).isFalse();

        clock.advance(Duration.ofSeconds(21));

        assertThat(limiter.tryAcquire("127.0.0.1:50000", client)).isTrue();
    }

    @Test
    void clientsBehindTheTrustedProxyHaveTheirOwnLimits() {
        NewChatLimiter limiter = limiter(3);
        String first = client();
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("127.0.0.1:50000", first);
        }

        assertThat(limiter.tryAcquire("127.0.0.1:50001", client())).isTrue();
    }

    @Test
    void aForwardedForFromAnUntrustedPeerIsIgnored() {
        NewChatLimiter limiter = limiter(3);
        String peer = "192.0.2." + (1 + (int) (Math.random() * 250)) + ":40000";
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire(peer, client())).isTrue();
        }

        assertThat(limiter.tryAcquire(peer, client())).isFalse();
    }

    @Test
    void twoReplicasShareOneBudget() {
        NewChatLimiter one = limiter(3);
        NewChatLimiter other = limiter(3);
        String client = client();
        one.tryAcquire("127.0.0.1:50000", client);
        other.tryAcquire("127.0.0.1:50000", client);
        one.tryAcquire("127.0.0.1:50000", client);

        assertThat(other.tryAcquire("127.0.0.1:50000", client)).isFalse();
    }
}
