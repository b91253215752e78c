package org.candor.incident.client;

import java.time.Instant;
import java.util.UUID;

/**
 * What the other four services say about one incident, as their {@code GET /api/incidents/{id}/summary}
 * answers it. Unknown fields are ignored, so a service may add to its summary without breaking the overview.
 */
public final class Summaries {

    private Summaries() {
    }

    /** notification-service: how far the messages about the incident have gone out. */
    public record Notification(UUID incidentId, long messages, long total, long sent, long delivered, long failed,
            long bounced, long pending, Instant lastCompletedAt) {
    }

    /** support-service: the tickets about the incident and their SLA state. */
    public record Support(UUID incidentId, long openTickets, long unassigned, long slaAtRisk, long slaBreached,
            Instant oldestOpenSince, long resolvedTickets) {
    }

    /** compliance-service: the legal obligations and the next deadline. */
    public record Compliance(UUID incidentId, long openObligations, long overdue, long filed, long notRequired,
            Deadline nextDeadline) {
    }

    /** The earliest open obligation; {@code dueAt} is null when it is due as soon as possible. */
    public record Deadline(String regime, String recipient, Instant dueAt, boolean asap) {
    }

    /** feedback-service: whether trust is coming back. */
    public record Feedback(UUID incidentId, long responses, Double trustScore, Double nps, Double responseRate,
            Integer latestWave) {
    }
}
