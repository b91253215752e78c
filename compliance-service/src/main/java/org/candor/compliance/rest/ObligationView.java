package org.candor.compliance.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

import org.candor.compliance.domain.Filing;
import org.candor.compliance.domain.Obligation;

/** One obligation of an incident. */
public record ObligationView(UUID id, UUID incidentId, String regime, String recipient, String trigger,
        boolean triggerAssumed, Instant triggerAt, Instant dueAt, OffsetDateTime dueAtLocal, String timezone,
        boolean asap, String status, String justification, String citation, String notes) {

    public static ObligationView of(Obligation o) {
        return new ObligationView(o.id, o.incidentId, o.regime, o.recipient, o.trigger, o.triggerAssumed, o.triggerAt,
                o.dueAt, o.dueAt == null ? null : o.dueAt.atZone(ZoneId.of(o.timezone)).toOffsetDateTime(), o.timezone,
                o.asap, o.status.name(), o.justification, o.citation, o.notes);
    }

    /** A filing as recorded. */
    public record FilingView(UUID id, UUID obligationId, String phase, Instant submittedAt, String channel,
            String reference, String documentSha256, String filedBy, boolean late, String lateReason) {

        public static FilingView of(Filing f) {
            return new FilingView(f.id, f.obligationId, f.phase.name(), f.submittedAt, f.channel, f.reference,
                    f.documentSha256, f.filedBy, f.late, f.lateReason);
        }
    }

    /** Why an obligation is not required. */
    public record NotRequiredRequest(String justification) {
    }
}
