package org.candor.contracts.compliance;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/** A legal reporting deadline passed without a filing; published once per deadline. */
public record ObligationOverdue(UUID obligationId, UUID incidentId, String regime, String recipient, Instant dueAt,
        Instant detectedAt) implements CandorEvent {

    public static final String TYPE = "candor.compliance.obligation-overdue.v1";

    @Override
    public String aggregateId() {
        return obligationId.toString();
    }
}
