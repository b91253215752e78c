package org.candor.support.domain;

import java.util.EnumSet;
import java.util.Set;

/** A ticket's status and the transitions allowed from it. */
public enum TicketStatus {
    NEW, OPEN, PENDING_CUSTOMER, RESOLVED, CLOSED;

    /** The statuses reachable from this one (reopening RESOLVED → OPEN is further limited in time). */
    public Set<TicketStatus> next() {
        return switch (this) {
            case NEW -> EnumSet.of(OPEN, PENDING_CUSTOMER, RESOLVED);
            case OPEN -> EnumSet.of(PENDING_CUSTOMER, RESOLVED);
            case PENDING_CUSTOMER -> EnumSet.of(OPEN, RESOLVED);
            case RESOLVED -> EnumSet.of(OPEN, CLOSED);
            case CLOSED -> EnumSet.noneOf(TicketStatus.class);
        };
    }

    public boolean canMoveTo(TicketStatus target) {
        return next().contains(target);
    }

    /** Whether an agent still has work on the ticket (it counts against their capacity). */
    public boolean isActive() {
        return this == NEW || this == OPEN || this == PENDING_CUSTOMER;
    }
}
