package org.candor.platform.deadletter;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** This service's dead letters: where they are read from, how long they are listed, how a replay reads its source. */
@ConfigMapping(prefix = "candor.dead-letters")
public interface DeadLetterConfig {

    /** The service's dead-letter topic, e.g. {@code candor.support.dlq}, read into the {@code dead_letter} table. */
    String topic();

    /** How long a dead letter stays listed; no longer than the dead-letter topic keeps it (7 days). */
    @WithDefault("P7D")
    Duration retention();

    /** How long a replay waits for the broker to hand it the dead letter's source record. */
    @WithDefault("15s")
    Duration sourceReadTimeout();

    /** Most dead letters one replay request replays. */
    @WithDefault("500")
    int maxReplayBatch();
}
