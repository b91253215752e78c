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
        boolean asap, String status, String justification, String citation, String notes, boolean manual,
        Computed computed, Override override, String catalogueVersion, RegionEvidence regionEvidence) {

    /**
     * For a notice about one US state or region: how many people live there, were told and were not reached.
     *
     * @param affected from the incident's population, null when not known
     */
    public record RegionEvidence(String region, Long affected, long peopleTold, long notReached) {
    }

    public static ObligationView of(Obligation o) {
        return of(o, null);
    }

    public static ObligationView of(Obligation o, RegionEvidence regionEvidence) {
        ZoneId zone = ZoneId.of(o.timezone);
        Computed computed = o.manual ? null : new Computed(o.computedAsap != null, o.computedDueAt,
                o.computedDueAt == null ? null : o.computedDueAt.atZone(zone).toOffsetDateTime(),
                Boolean.TRUE.equals(o.computedAsap));
        Override override = o.overridden || o.manual ? new Override(o.overrideReason, o.overrideBy, o.overrideAt,
                o.computedChangedSinceOverride()) : null;
        return new ObligationView(o.id, o.incidentId, o.regime, o.recipient, o.trigger, o.triggerAssumed, o.triggerAt,
                o.dueAt, o.dueAt == null ? null : o.dueAt.atZone(zone).toOffsetDateTime(), o.timezone,
                o.asap, o.status.name(), o.justification, o.citation, o.notes, o.manual, computed, override,
                o.catalogueVersion, regionEvidence);
    }

    /**
     * What the catalogue computes for the obligation, in force unless overridden.
     *
     * @param applies false once the regime's conditions no longer hold for an obligation kept by an override
     */
    public record Computed(boolean applies, Instant dueAt, OffsetDateTime dueAtLocal, boolean asap) {
    }

    /**
     * Who set the due time by hand (or added the obligation) and why.
     *
     * @param computedChanged the computed due time has changed since the override was set: review it
     */
    public record Override(String reason, String by, Instant at, boolean computedChanged) {
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
