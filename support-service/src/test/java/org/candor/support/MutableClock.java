package org.candor.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Singleton;

/** The application's clock in tests: starts at the real time and moves only when a test moves it. */
@Singleton
public class MutableClock extends Clock {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now().truncatedTo(ChronoUnit.MICROS));

    public void advance(Duration duration) {
        now.updateAndGet(instant -> instant.plus(duration).truncatedTo(ChronoUnit.MICROS));
    }

    /** Moves to {@code instant}, never backwards, so tests that ran before keep a consistent past. */
    public void moveTo(Instant instant) {
        now.updateAndGet(current -> instant.isAfter(current) ? instant.truncatedTo(ChronoUnit.MICROS) : current);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("The test clock is UTC");
    }
}
