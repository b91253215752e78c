package org.candor.incident.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.Severity;
import org.candor.incident.domain.Expert;
import org.candor.incident.domain.Incident;
import org.candor.incident.domain.Phase;

/** An incident as the staff API shows it. */
public record IncidentView(UUID id, String title, Map<String, String> summaries, Severity severity, Phase phase,
        Instant detectedAt, Instant awareAt, Instant declaredAt, String declaredBy, List<DataCategory> dataCategories,
        List<String> affectedSystems, String attackVector, List<Expert> experts, long version) {

    static IncidentView of(Incident incident) {
        return new IncidentView(incident.id, incident.title, incident.summaries, incident.severity, incident.phase,
                incident.detectedAt, incident.awareAt, incident.declaredAt, incident.declaredBy,
                incident.dataCategories, incident.affectedSystems, incident.attackVector, incident.experts,
                incident.version);
    }
}
