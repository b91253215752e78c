package org.candor.support.service;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The orders the ticket list offers. Each is a key expression with the ticket's {@code seq} as tie-breaker, both
 * in the same direction, so that a page ends at a (key, seq) pair the next page continues after. A ticket without
 * a key (no SLA due date while its clock does not run, no message from the customer yet) comes after every ticket
 * with one: the key expression maps it to {@code infinity} or {@code -infinity}.
 */
public enum TicketSort {

    /** Newest first (by when the ticket was opened). */
    NEWEST("newest", null, false),
    /** Oldest first. */
    OLDEST("oldest", null, true),
    /** The next SLA target to fall due first (breached ones, whose due date has passed, before all); paused last. */
    SLA_DUE("sla-due", "coalesce(sla_due_at, 'infinity'::timestamptz)", true),
    /** URGENT, HIGH, NORMAL, LOW; within a priority the ticket waiting longest first. */
    PRIORITY("priority", "(case priority when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end)", true),
    /** The customer's latest message, most recent first; tickets the customer has not written in last. */
    LAST_CUSTOMER_MESSAGE("last-customer-message", "coalesce(last_customer_message_at, '-infinity'::timestamptz)", false);

    private final String parameter;
    private final String key;
    private final boolean ascending;

    TicketSort(String parameter, String key, boolean ascending) {
        this.parameter = parameter;
        this.key = key;
        this.ascending = ascending;
    }

    /** The value of the {@code sort} parameter. */
    public String parameter() {
        return parameter;
    }

    /** The key expression before {@code seq}, or null when {@code seq} alone orders. */
    String key() {
        return key;
    }

    boolean ascending() {
        return ascending;
    }

    /** The SQL type of the key as a cursor carries it back (as text). */
    String keyType() {
        return this == PRIORITY ? "integer" : "timestamptz";
    }

    public static Optional<TicketSort> of(String parameter) {
        String wanted = parameter.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(sort -> sort.parameter.equals(wanted)).findFirst();
    }

    public static List<String> parameters() {
        return Arrays.stream(values()).map(TicketSort::parameter).toList();
    }
}
