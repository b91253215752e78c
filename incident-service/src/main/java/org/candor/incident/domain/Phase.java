package org.candor.incident.domain;

import java.util.Optional;

/**
 * Where the incident stands, after NIST SP 800-61. An incident moves forward one phase at a time;
 * CLOSED is final.
 */
public enum Phase {
    DETECTED, CONTAINED, ERADICATED, RECOVERED, CLOSED;

    /** The only phase this one may move to, if any. */
    public Optional<Phase> next() {
        return this == CLOSED ? Optional.empty() : Optional.of(values()[ordinal() + 1]);
    }

    public boolean mayMoveTo(Phase target) {
        return next().filter(target::equals).isPresent();
    }
}
