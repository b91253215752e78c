package org.candor.platform.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How consumers retry an event whose failure is transient, before anything goes to a dead-letter topic. */
@ConfigMapping(prefix = "candor.consumer.retry")
public interface ConsumerRetryConfig {

    /** Wait before the first retry; each further wait doubles, with random jitter of up to half of it. */
    @WithDefault("200ms")
    Duration initialBackoff();

    /** Longest wait between two attempts. */
    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * How long an event keeps being retried for transient failures; after that the failure counts
     * as permanent and the event goes to the dead-letter topic (from where it can be replayed).
     */
    @WithDefault("P1D")
    Duration giveUpAfter();
}
