package org.candor.compliance.domain;

/** Where a reporting obligation stands. */
public enum ObligationStatus {
    OPEN, FILED, LATE_FILED, OVERDUE, NOT_REQUIRED;

    /** Still waiting for a filing. */
    public boolean pending() {
        return this == OPEN || this == OVERDUE;
    }
}
