package org.candor.support.domain;

/** What a ticket message is. */
public enum MessageKind {
    /** An agent's answer the customer sees. */
    PUBLIC_REPLY,
    /** An agent's note only staff see. */
    INTERNAL_NOTE,
    /** What the customer wrote. */
    CUSTOMER_MESSAGE
}
