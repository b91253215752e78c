package org.candor.contracts.incident;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * The incident's facts changed (or were first completed after declaration): what the public and
 * other services may know about it. No personal data.
 *
 * @param summaries the summary per locale ({@code de}, {@code en}, ...)
 * @param dataCategories which kinds of personal data were affected
 */
public record IncidentDetailsChanged(UUID incidentId, String title, Map<String, String> summaries,
        Severity severity, Instant detectedAt, Instant awareAt, List<DataCategory> dataCategories,
        Instant changedAt) implements CandorEvent {

    public static final String TYPE = "candor.incident.details-changed.v1";

    @Override
    public String aggregateId() {
        return incidentId.toString();
    }
}
