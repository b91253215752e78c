package org.candor.platform.outbox;

import java.time.Duration;
import java.util.List;

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

    /**
     * How long published events of the topics that carry personal data ({@link #personalDataTopics()})
     * are kept; 0 deletes them in the transaction that marks them published.
     */
    @WithDefault("PT0S")
    Duration personalDataRetention();

    /** The topics whose events carry contact details: their rows leave the table once published. */
    @WithDefault("candor.incident.affected-customers,candor.notification.requests")
    List<String> personalDataTopics();

    /**
     * How often the relay tries to publish a row that Kafka refuses (unknown type, too large, not
     * authorised, not serialisable) before it sets the row aside; a broker that cannot be reached
     * counts no attempt.
     */
    @WithDefault("5")
    int maxAttempts();

    /**
     * Largest record, in bytes of key, value and headers, the relay sends; a larger row is refused
     * before it is sent. Keep it at or below the producer's {@code max.request.size} and the topics'
     * {@code max.message.bytes}.
     */
    @WithDefault("1000000")
    int maxRecordSize();

    /** The CloudEvents {@code source} of this service's events, e.g. {@code /candor/incident-service}. */
    String source();
}
