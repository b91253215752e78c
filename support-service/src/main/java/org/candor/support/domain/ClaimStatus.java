package org.candor.support.domain;

/** Where a compensation claim stands. */
public enum ClaimStatus {
    /** At or below the threshold: an agent may decide. */
    SUBMITTED,
    /** Above the threshold: only a supervisor may decide. */
    PENDING_APPROVAL,
    APPROVED,
    REJECTED;

    public boolean isOpen() {
        return this == SUBMITTED || this == PENDING_APPROVAL;
    }
}
