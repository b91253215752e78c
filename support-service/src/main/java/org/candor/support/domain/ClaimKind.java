package org.candor.support.domain;

/** What a compensation claim is for; a customer has at most one open claim per incident and kind. */
public enum ClaimKind {
    /** Money taken by fraud that the breach made possible (card, account takeover). */
    FRAUD_LOSS,
    /** Costs the customer had: a new card, a new document, a credit freeze. */
    EXPENSES,
    /** Time the customer spent dealing with the breach. */
    TIME_SPENT,
    /** A gesture of goodwill, not tied to a shown loss. */
    GOODWILL,
    OTHER
}
