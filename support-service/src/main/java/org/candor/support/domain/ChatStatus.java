package org.candor.support.domain;

/** Where a live chat stands. */
public enum ChatStatus {
    /** In the queue, no agent yet. */
    WAITING,
    /** An agent has taken it. */
    ACTIVE,
    ENDED
}
