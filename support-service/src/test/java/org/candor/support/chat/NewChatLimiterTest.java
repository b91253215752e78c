package org.candor.support.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.candor.support.MutableClock;
import org.junit.jupiter.api.Test;

class NewChatLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final NewChatLimiter limiter = new NewChatLimiter(3, clock);

    @Test
    void addressOverItsLimitIsRefusedUntilTheMinuteHasPassed() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("203.0.113.7")).isTrue();
        }
        assertThat(limiter.tryAcquire("203.0.113.7")).isFalse();

        clock.advance(Duration.ofSeconds(61));

        assertThat(limiter.tryAcquire("203.0.113.7")).isTrue();
    }

    @Test
    void eachAddressHasItsOwnLimit() {
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("203.0.113.7");
        }

        assertThat(limiter.tryAcquire("198.51.100.1")).isTrue();
    }
}
