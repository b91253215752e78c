package org.candor.support.domain;

/** The three promises an SLA policy makes. */
public enum SlaTarget {
    FIRST_RESPONSE, NEXT_RESPONSE, RESOLUTION
}
