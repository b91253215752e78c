package org.candor.incident.domain;

/** Where the incident stands, after NIST SP 800-61. */
public enum Phase {
    DETECTED, CONTAINED, ERADICATED, RECOVERED, CLOSED
}
