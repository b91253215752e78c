package org.candor.support.domain;

/** How urgent a ticket is; it selects the SLA policy. */
public enum Priority {
    LOW, NORMAL, HIGH, URGENT
}
