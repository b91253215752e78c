package org.candor.compliance.domain.deadline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * One obligation that applies, and when it falls due.
 *
 * @param trigger the trigger the regime runs from
 * @param triggerAssumed true when that trigger was not known and an earlier moment stood in for it
 * @param triggerAt the moment actually used
 * @param dueAt the instant, or null for "without undue delay" (then {@code asap})
 * @param timezone the zone of the obligation's local times
 */
public record Deadline(String regime, String recipient, TriggerKey trigger, boolean triggerAssumed, Instant triggerAt,
        Instant dueAt, ZoneId timezone, boolean asap, boolean phased, String citation, String notes) {

    /** The due time in the obligation's zone, or null. */
    public OffsetDateTime dueAtLocal() {
        return dueAt == null ? null : dueAt.atZone(timezone).toOffsetDateTime();
    }
}
