package org.candor.platform.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T10:00:59.500Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final ClientRateLimiter limiter = new ClientRateLimiter(3, clock);

    @Test
    void aBurstStraddlingAMinuteBoundaryGetsNoSecondAllowance() {
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.allow("203.0.113.7"));
        }
        clock.advance(Duration.ofSeconds(1));

        assertFalse(limiter.allow("203.0.113.7"));
    }

    @Test
    void oneRequestIsEarnedBackEveryShareOfAMinute() {
        for (int i = 0; i < 3; i++) {
            limiter.allow("203.0.113.7");
        }
        clock.advance(Duration.ofSeconds(20));

        assertTrue(limiter.allow("203.0.113.7"));
        assertFalse(limiter.allow("203.0.113.7"));
    }

    @Test
    void clientsAreCountedSeparately() {
        for (int i = 0; i < 3; i++) {
            limiter.allow("203.0.113.7");
        }

        assertTrue(limiter.allow("198.51.100.4"));
    }

    @Test
    void clientsQuietForAMinuteAreForgotten() {
        limiter.allow("203.0.113.7");
        limiter.allow("198.51.100.4");
        clock.advance(Duration.ofSeconds(30));
        limiter.allow("198.51.100.4");
        clock.advance(Duration.ofSeconds(1));

        limiter.forgetIdleClients();

        assertEquals(1, limiter.trackedClients());
    }
}
