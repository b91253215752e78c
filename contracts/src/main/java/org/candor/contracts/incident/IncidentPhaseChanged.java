package org.candor.contracts.incident;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * The incident moved to another NIST SP 800-61 phase.
 *
 * @param phase DETECTED, CONTAINED, ERADICATED, RECOVERED or CLOSED
 * @param previousPhase the phase it left
 * @param changedBy the staff subject who made the transition
 */
public record IncidentPhaseChanged(UUID incidentId, String previousPhase, String phase, Instant changedAt,
        String changedBy) implements CandorEvent {

    public static final String TYPE = "candor.incident.phase-changed.v1";

    @Override
    public String aggregateId() {
        return incidentId.toString();
    }
}
