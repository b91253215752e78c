package org.candor.compliance.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An incident's reporting obligations at a glance, for the incident overview; no personal data.
 *
 * @param openObligations obligations still waiting for a filing (OPEN or OVERDUE)
 * @param filed obligations filed, in time or late
 * @param nextDeadline the open obligation due first (those due "without undue delay" before any other), or null
 * @param catalogueGaps places where affected people live that no regime in the catalogue covers (e.g. {@code US-IL}):
 *     nothing was computed for them, so they must be checked by hand
 */
public record IncidentSummaryView(UUID incidentId, long openObligations, long overdue, long filed, long notRequired,
        NextDeadline nextDeadline, List<String> catalogueGaps) {

    /** @param dueAt null when due without undue delay ({@code asap}) */
    public record NextDeadline(String regime, String recipient, Instant dueAt, boolean asap) {
    }
}
