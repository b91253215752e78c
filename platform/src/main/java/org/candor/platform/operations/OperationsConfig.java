package org.candor.platform.operations;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The staff operations every service offers: its set-aside outbox rows and its dead letters. */
@ConfigMapping(prefix = "candor.operations")
public interface OperationsConfig {

    /**
     * The staff role that may see and act on this service's set-aside outbox rows and dead letters,
     * e.g. {@code support-supervisor} for support-service.
     */
    String role();

    /** Most rows one listing returns. */
    @WithDefault("500")
    int maxListSize();
}
