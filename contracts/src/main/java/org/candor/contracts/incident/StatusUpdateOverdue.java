package org.candor.contracts.incident;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/** The update promised for {@code dueAt} has not been published. */
public record StatusUpdateOverdue(UUID incidentId, Instant dueAt, Instant detectedAt) implements CandorEvent {

    public static final String TYPE = "candor.incident.update-overdue.v1";

    @Override
    public String aggregateId() {
        return incidentId.toString();
    }
}
