package org.candor.compliance.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.deadline.CatalogueGap;
import org.candor.contracts.incident.Severity;

/**
 * An incident as this service knows it.
 *
 * @param catalogueGaps places where affected people live that no regime in the catalogue covers, largest first
 */
public record KnownIncidentView(UUID id, String title, Severity severity, Instant detectedAt, Instant awareAt,
        Instant declaredAt, Instant recordedAt, List<CatalogueGap> catalogueGaps) {

    static KnownIncidentView of(KnownIncident incident, List<CatalogueGap> catalogueGaps) {
        return new KnownIncidentView(incident.id, incident.title, incident.severity, incident.detectedAt,
                incident.awareAt, incident.declaredAt, incident.recordedAt, catalogueGaps);
    }
}
