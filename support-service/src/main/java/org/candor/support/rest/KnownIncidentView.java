package org.candor.support.rest;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.incident.Severity;
import org.candor.support.domain.KnownIncident;

/** An incident as this service knows it. */
public record KnownIncidentView(UUID id, String title, Severity severity, Instant detectedAt, Instant awareAt,
        Instant declaredAt, String phase, Instant recordedAt) {

    static KnownIncidentView of(KnownIncident incident) {
        return new KnownIncidentView(incident.id, incident.title, incident.severity, incident.detectedAt,
                incident.awareAt, incident.declaredAt, incident.phase, incident.recordedAt);
    }
}
