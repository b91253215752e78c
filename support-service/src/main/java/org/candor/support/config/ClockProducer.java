package org.candor.support.config;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** The clock every rule reads the time from, so tests can move it. */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        // Microseconds, as PostgreSQL stores them: a time read back from the database equals the time written.
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1000));
    }
}
