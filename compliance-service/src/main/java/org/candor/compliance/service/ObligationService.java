package org.candor.compliance.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.compliance.config.CatalogueInForce;
import org.candor.compliance.domain.IncidentTrigger;
import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.domain.ObligationStatus;
import org.candor.compliance.domain.OrganisationProfile;
import org.candor.compliance.domain.deadline.CatalogueGap;
import org.candor.compliance.domain.deadline.Deadline;
import org.candor.compliance.domain.deadline.DeadlineEngine;
import org.candor.compliance.domain.deadline.Flag;
import org.candor.compliance.domain.deadline.Situation;
import org.candor.compliance.domain.deadline.TriggerKey;
import org.candor.contracts.compliance.ObligationUpdated;
import org.candor.contracts.incident.DataCategory;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;

/**
 * Keeps one obligation per (incident, regime, recipient) in line with what is known: the profile, the
 * incident's triggers, its risk and its affected population. Every change is audited and published.
 */
@ApplicationScoped
public class ObligationService {

    /** The actor of changes the service makes on its own, e.g. on an incident event. */
    public static final String SYSTEM = "compliance-service";

    private final CatalogueInForce catalogues;
    private final Outbox outbox;
    private final AuditLog audit;

    ObligationService(CatalogueInForce catalogues, Outbox outbox, AuditLog audit) {
        this.catalogues = catalogues;
        this.outbox = outbox;
        this.audit = audit;
    }

    /**
     * What a new catalogue version changed in one open obligation.
     *
     * @param change {@code ADDED} (a regime now applies), {@code RECALCULATED} (due time, trigger or status),
     *        {@code NO_LONGER_APPLIES} (marked not required) or {@code OVERRIDE_FLAGGED} (the computed due time
     *        changed beside an override, which stays in force)
     */
    public record CatalogueChange(UUID obligationId, UUID incidentId, String regime, String recipient, String change,
            String previousCatalogueVersion, Instant previousDueAt, Instant dueAt, Instant previousComputedDueAt,
            Instant computedDueAt, boolean asap, boolean overridden, String previousStatus, String status) {
    }

    /** Recomputes the obligations of every known incident, e.g. after the profile changed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalculateAll(String actor, Instant now) {
        DeadlineEngine engine = catalogues.engine();
        List<KnownIncident> incidents = KnownIncident.listAll();
        incidents.forEach(incident -> recalculate(incident, engine, actor, now, null));
    }

    /**
     * Recomputes, with a new catalogue version, the open obligations of every incident that has one computed with
     * another version and, when {@code newVersion}, of every incident without an open one (a regime of the new
     * version may apply to it). Filed and not-required obligations keep the version they were settled with.
     * Returns what changed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<CatalogueChange> recalculateForCatalogue(DeadlineEngine engine, boolean newVersion, String actor,
            Instant now) {
        List<CatalogueChange> changes = new java.util.ArrayList<>();
        List<ObligationStatus> pending = List.of(ObligationStatus.OPEN, ObligationStatus.OVERDUE);
        String stale = "exists (select o.id from Obligation o where o.incidentId = i.id and o.manual = false"
                + " and o.status in ?1 and (o.catalogueVersion is null or o.catalogueVersion <> ?2))";
        String withoutOpen = " or not exists (select o.id from Obligation o where o.incidentId = i.id"
                + " and o.manual = false and o.status in ?1)";
        List<KnownIncident> incidents = KnownIncident.list("select i from KnownIncident i where " + stale
                + (newVersion ? withoutOpen : ""), pending, engine.catalogue().version());
        incidents.forEach(incident -> recalculate(incident, engine, actor, now, changes));
        return changes;
    }

    /** Recomputes one incident's obligations; without a profile there is nothing to compute yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalculate(UUID incidentId, String actor, Instant now) {
        DeadlineEngine engine = catalogues.engine();
        KnownIncident.<KnownIncident>findByIdOptional(incidentId)
                .ifPresent(incident -> recalculate(incident, engine, actor, now, null));
    }

    /** With {@code changes}, a catalogue recalculation: only open obligations change, and each change is listed. */
    private void recalculate(KnownIncident incident, DeadlineEngine engine, String actor, Instant now,
            List<CatalogueChange> changes) {
        Optional<OrganisationProfile> profile = OrganisationProfile.current();
        if (profile.isEmpty()) {
            Log.infof("No organisation profile yet: obligations of incident %s wait for it", incident.id);
            return;
        }
        List<Deadline> deadlines = engine.calculate(situation(incident, profile.get()));
        Map<String, Obligation> existing = new HashMap<>();
        // Manual obligations are the officer's, not the catalogue's: recalculation leaves them alone.
        Obligation.<Obligation>list("incidentId = ?1 and manual = false", incident.id)
                .forEach(o -> existing.put(o.regime + "|" + o.recipient, o));
        if (changes != null) {
            existing.values().removeIf(o -> !o.status.pending());
        }
        for (Deadline deadline : deadlines) {
            String key = deadline.regime() + "|" + deadline.recipient();
            Obligation obligation = existing.remove(key);
            if (obligation == null) {
                if (changes != null && Obligation.count("incidentId = ?1 and manual = false and regime = ?2 and recipient = ?3",
                        incident.id, deadline.regime(), deadline.recipient()) > 0) {
                    continue; // settled (filed or not required) under an earlier version
                }
                Obligation created = create(incident.id, deadline, engine, actor, now);
                if (changes != null) {
                    changes.add(change(created, "ADDED", null, null, null, null));
                }
            } else {
                String versionBefore = obligation.catalogueVersion;
                Instant dueBefore = obligation.dueAt;
                Instant computedBefore = obligation.computedDueAt;
                ObligationStatus statusBefore = obligation.status;
                boolean flaggedBefore = obligation.computedChangedSinceOverride();
                if (update(obligation, deadline, engine, actor, now) && changes != null
                        && (!java.util.Objects.equals(dueBefore, obligation.dueAt)
                                || !java.util.Objects.equals(computedBefore, obligation.computedDueAt)
                                || statusBefore != obligation.status)) {
                    String kind = obligation.computedChangedSinceOverride() && !flaggedBefore ? "OVERRIDE_FLAGGED"
                            : "RECALCULATED";
                    changes.add(change(obligation, kind, versionBefore, dueBefore, computedBefore, statusBefore));
                }
            }
        }
        for (Obligation gone : existing.values()) {
            String versionBefore = gone.catalogueVersion;
            Instant dueBefore = gone.dueAt;
            Instant computedBefore = gone.computedDueAt;
            ObligationStatus statusBefore = gone.status;
            if (changes != null) {
                gone.catalogueVersion = engine.catalogue().version();
            }
            if (gone.overridden && gone.status.pending() && gone.computedAsap != null) {
                // An officer set this due time: it stays, but that the catalogue no longer computes one is shown.
                Map<String, Object> details = new HashMap<>();
                details.put("previousComputedDueAt", gone.computedDueAt);
                details.put("conditionsHold", false);
                gone.computedDueAt = null;
                gone.computedAsap = null;
                gone.updatedAt = now;
                changed(gone, actor, "obligation.recalculated", details, now);
                Log.infof("Obligation %s (%s) is overridden; its conditions no longer hold, so it is flagged for review",
                        gone.id, gone.regime);
            } else if (gone.status.pending() && !gone.overridden) {
                gone.status = ObligationStatus.NOT_REQUIRED;
                gone.justification = changes != null
                        ? "Its conditions no longer hold under catalogue version " + engine.catalogue().version()
                        : "Its conditions no longer hold (profile, risk assessment or affected population changed)";
                gone.updatedAt = now;
                changed(gone, actor, "obligation.not-required", Map.of("justification", gone.justification), now);
            }
            if (changes != null && (statusBefore != gone.status
                    || !java.util.Objects.equals(computedBefore, gone.computedDueAt))) {
                changes.add(change(gone, gone.overridden ? "OVERRIDE_FLAGGED" : "NO_LONGER_APPLIES", versionBefore,
                        dueBefore, computedBefore, statusBefore));
            }
        }
    }

    private static CatalogueChange change(Obligation o, String kind, String versionBefore, Instant dueBefore,
            Instant computedBefore, ObligationStatus statusBefore) {
        return new CatalogueChange(o.id, o.incidentId, o.regime, o.recipient, kind, versionBefore, dueBefore, o.dueAt,
                computedBefore, o.computedDueAt, o.asap, o.overridden, statusBefore == null ? null : statusBefore.name(),
                o.status.name());
    }

    /** Where the incident's affected people live without a rule in the catalogue; the officer must check those. */
    public List<CatalogueGap> catalogueGaps(KnownIncident incident) {
        return catalogues.catalogue().gaps(population(incident));
    }

    private static List<Situation.Population> population(KnownIncident incident) {
        return incident.population == null ? List.of()
                : incident.population.stream().map(p -> new Situation.Population(p.country(), p.region(), p.count())).toList();
    }

    Situation situation(KnownIncident incident, OrganisationProfile profile) {
        Map<TriggerKey, Instant> triggers = new LinkedHashMap<>();
        triggers.put(TriggerKey.AWARENESS, incident.awareAt);
        IncidentTrigger.<IncidentTrigger>list("incidentId", incident.id)
                .forEach(trigger -> triggers.put(TriggerKey.parse(trigger.trigger), trigger.occurredAt));
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        profile.flags.forEach(flag -> flags.add(Flag.valueOf(flag)));
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (incident.dataCategories != null) {
            incident.dataCategories.forEach(category -> categories.add(DataCategory.valueOf(category)));
        }
        return new Situation(ZoneId.of(profile.timezone), profile.establishments, flags, triggers, population(incident),
                incident.highRisk, incident.riskLevel, categories);
    }

    private Obligation create(UUID incidentId, Deadline deadline, DeadlineEngine engine, String actor, Instant now) {
        Obligation obligation = new Obligation();
        obligation.id = UUID.randomUUID();
        obligation.incidentId = incidentId;
        obligation.regime = deadline.regime();
        obligation.recipient = deadline.recipient();
        obligation.citation = deadline.citation();
        obligation.notes = deadline.notes();
        obligation.phased = deadline.phased();
        obligation.createdAt = now;
        apply(obligation, deadline, engine);
        obligation.status = ObligationStatus.OPEN;
        obligation.updatedAt = now;
        obligation.persist();
        changed(obligation, actor, "obligation.recorded", Map.of(), now);
        return obligation;
    }

    /** Returns whether anything changed. */
    private boolean update(Obligation obligation, Deadline deadline, DeadlineEngine engine, String actor, Instant now) {
        Instant before = obligation.dueAt;
        Instant computedBefore = obligation.computedDueAt;
        Boolean computedAsapBefore = obligation.computedAsap;
        String versionBefore = obligation.catalogueVersion;
        String triggerBefore = obligation.trigger;
        boolean assumedBefore = obligation.triggerAssumed;
        ObligationStatus statusBefore = obligation.status;
        apply(obligation, deadline, engine);
        if (obligation.status == ObligationStatus.NOT_REQUIRED && obligation.justification != null
                && obligation.justification.startsWith("Its conditions no longer hold")) {
            obligation.status = ObligationStatus.OPEN;
            obligation.justification = null;
        }
        if (obligation.status == ObligationStatus.OVERDUE && obligation.dueAt != null && obligation.dueAt.isAfter(now)) {
            obligation.status = ObligationStatus.OPEN;
        }
        if (java.util.Objects.equals(before, obligation.dueAt) && triggerBefore.equals(obligation.trigger)
                && assumedBefore == obligation.triggerAssumed && statusBefore == obligation.status
                && java.util.Objects.equals(computedBefore, obligation.computedDueAt)
                && java.util.Objects.equals(computedAsapBefore, obligation.computedAsap)
                && java.util.Objects.equals(versionBefore, obligation.catalogueVersion)) {
            return false;
        }
        obligation.updatedAt = now;
        Map<String, Object> details = new HashMap<>();
        details.put("previousDueAt", before);
        details.put("previousComputedDueAt", computedBefore);
        if (!java.util.Objects.equals(versionBefore, obligation.catalogueVersion)) {
            details.put("previousCatalogueVersion", versionBefore);
        }
        if (obligation.computedChangedSinceOverride()) {
            Log.infof("Obligation %s (%s) is overridden and its computed due time is now %s: flagged for review",
                    obligation.id, obligation.regime, obligation.computedDueAt);
        }
        changed(obligation, actor, "obligation.recalculated", details, now);
        return true;
    }

    /**
     * Takes the engine's result. The computed due time is always kept; it is the one in force unless an officer
     * overrode it, in which case the override stays and a difference is flagged instead.
     */
    private void apply(Obligation obligation, Deadline deadline, DeadlineEngine engine) {
        obligation.trigger = deadline.trigger().toString();
        obligation.triggerAssumed = deadline.triggerAssumed();
        obligation.triggerAt = deadline.triggerAt();
        obligation.computedDueAt = deadline.dueAt();
        obligation.computedAsap = deadline.asap();
        obligation.catalogueVersion = engine.catalogue().version();
        if (!obligation.overridden) {
            obligation.dueAt = deadline.dueAt();
            obligation.asap = deadline.asap();
        }
        obligation.timezone = deadline.timezone().getId();
    }

    /** Audits and publishes a change of {@code obligation} (already applied to the entity). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Obligation obligation, String actor, String action, Map<String, ?> extra, Instant now) {
        Map<String, Object> details = new HashMap<>(extra);
        details.put("incidentId", obligation.incidentId);
        details.put("regime", obligation.regime);
        details.put("trigger", obligation.trigger);
        details.put("triggerAssumed", obligation.triggerAssumed);
        details.put("dueAt", obligation.dueAt);
        details.put("status", obligation.status.name());
        details.put("catalogueVersion", obligation.catalogueVersion);
        if (obligation.overridden || obligation.manual) {
            details.put("overridden", obligation.overridden);
            details.put("manual", obligation.manual);
            details.put("computedDueAt", obligation.computedDueAt);
            details.put("computedChangedSinceOverride", obligation.computedChangedSinceOverride());
        }
        audit.append(actor, action, "obligation/" + obligation.id, details);
        outbox.record(new ObligationUpdated(obligation.id, obligation.incidentId, obligation.regime, obligation.recipient,
                obligation.trigger, obligation.triggerAssumed, obligation.dueAt, obligation.asap,
                obligation.status.name(), now), now);
    }
}
