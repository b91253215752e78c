package org.candor.incident.rest;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.incident.Severity;
import org.candor.incident.domain.Incident;
import org.candor.incident.domain.Phase;

/** An incident as the API shows it. */
public record IncidentView(UUID id, String title, String summary, Severity severity, Phase phase,
        Instant detectedAt, Instant awareAt, Instant declaredAt, String declaredBy) {

    static IncidentView of(Incident incident) {
        return new IncidentView(incident.id, incident.title, incident.summary, incident.severity, incident.phase,
                incident.detectedAt, incident.awareAt, incident.declaredAt, incident.declaredBy);
    }
}
