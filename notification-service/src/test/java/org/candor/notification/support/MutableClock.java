package org.candor.notification.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import jakarta.inject.Singleton;

/**
 * The service's clock in tests: the system clock until a test sets a fixed instant, or moves the
 * clock to another time of day where it keeps running (so that retries still come due).
 */
@Singleton
public class MutableClock extends Clock {

    private volatile Instant fixed;
    private volatile Duration offset = Duration.ZERO;

    public void set(Instant instant) {
        fixed = instant;
    }

    /** From now on the clock runs at the system clock's pace, starting at {@code start}. */
    public void runFrom(Instant start) {
        offset = Duration.between(Instant.now(), start);
        fixed = null;
    }

    public void reset() {
        fixed = null;
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        Instant now = fixed;
        return now != null ? now : Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
