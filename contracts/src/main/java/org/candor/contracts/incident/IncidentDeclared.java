package org.candor.contracts.incident;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * An incident was declared: the organisation now handles a security incident.
 *
 * @param incidentId the incident
 * @param title short public title
 * @param summary what is known so far
 * @param severity the commander's judgement
 * @param detectedAt when the incident was first detected
 * @param awareAt when the organisation became aware of it; legal reporting clocks start here
 * @param declaredAt when it was declared in Candor
 */
public record IncidentDeclared(
        UUID incidentId,
        String title,
        String summary,
        Severity severity,
        Instant detectedAt,
        Instant awareAt,
        Instant declaredAt) implements CandorEvent {

    public static final String TYPE = "candor.incident.declared.v1";

    @Override
    public String aggregateId() {
        return incidentId.toString();
    }
}
