package org.candor.contracts.compliance;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A legal reporting obligation of an incident was recorded or changed: its deadline or its status.
 *
 * @param regime the catalogue id, e.g. {@code GDPR_ART33}
 * @param trigger the trigger the deadline runs from, e.g. {@code AWARENESS}
 * @param triggerAssumed true while that trigger is unknown and an earlier moment stands in for it
 * @param dueAt when it falls due, or null for "without undue delay" ({@code asap})
 * @param status OPEN, FILED, LATE_FILED, OVERDUE or NOT_REQUIRED
 */
public record ObligationUpdated(UUID obligationId, UUID incidentId, String regime, String recipient, String trigger,
        boolean triggerAssumed, Instant dueAt, boolean asap, String status, Instant updatedAt) implements CandorEvent {

    public static final String TYPE = "candor.compliance.obligation-updated.v1";

    @Override
    public String aggregateId() {
        return obligationId.toString();
    }
}
