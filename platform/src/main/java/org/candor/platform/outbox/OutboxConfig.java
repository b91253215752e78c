package org.candor.platform.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay publishes. */
@ConfigMapping(prefix = "candor.outbox")
public interface OutboxConfig {

    /** Whether this instance runs the relay at all. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for unpublished events it was not woken for (the scheduler's minimum is 1s). */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * How long the relay waits after a commit wakes it before it publishes, gathering the events of
     * other commits into the same batch; 0 publishes at once.
     */
    @WithDefault("20ms")
    Duration wakeDelay();

    /** Most events published per database transaction. */
    @WithDefault("500")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch before it retries later. */
    @WithDefault("30s")
    Duration sendTimeout();

    /** How long published events are kept in the table before they are deleted. */
    @WithDefault("P7D")
    Duration retention();

    /** The CloudEvents {@code source} of this service's events, e.g. {@code /candor/incident-service}. */
    String source();
}
