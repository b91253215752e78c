package org.candor.compliance.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One legal reporting obligation of an incident: one per (incident, regime, recipient). */
@Entity
@Table(name = "obligation")
public class Obligation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(nullable = false)
    public String regime;

    @Column(nullable = false)
    public String recipient;

    @Column(nullable = false)
    public String trigger;

    @Column(name = "trigger_assumed", nullable = false)
    public boolean triggerAssumed;

    @Column(name = "trigger_at", nullable = false)
    public Instant triggerAt;

    /**
     * The due time in force: the computed one, or the one a compliance officer set ({@link #overridden}).
     * Null when due "without undue delay" ({@link #asap}).
     */
    @Column(name = "due_at")
    public Instant dueAt;

    /** What the deadline engine computed, kept beside an override; null for a manual obligation or "without undue delay". */
    @Column(name = "computed_due_at")
    public Instant computedDueAt;

    /** Whether the engine computed "without undue delay"; null for a manual obligation. */
    @Column(name = "computed_asap")
    public Boolean computedAsap;

    /** The catalogue version the computed due time comes from; null for a manual obligation. */
    @Column(name = "catalogue_version")
    public String catalogueVersion;

    /** Added by a compliance officer, not computed from the catalogue: recalculation leaves it alone. */
    @Column(nullable = false)
    public boolean manual;

    /** Whether {@link #dueAt} was set by a compliance officer instead of computed. */
    @Column(nullable = false)
    public boolean overridden;

    /** Why the due time was overridden, or why the manual obligation was added. */
    @Column(name = "override_reason")
    public String overrideReason;

    /** Who overrode the due time or added the obligation (the token's subject). */
    @Column(name = "override_by")
    public String overrideBy;

    @Column(name = "override_at")
    public Instant overrideAt;

    /** The computed due time when the override was set; a recalculation that differs from it is flagged. */
    @Column(name = "override_basis_due_at")
    public Instant overrideBasisDueAt;

    @Column(name = "override_basis_asap")
    public Boolean overrideBasisAsap;

    @Column(nullable = false)
    public String timezone;

    @Column(nullable = false)
    public boolean asap;

    /** Whether information may follow in phases (GDPR Art. 33(4)). */
    @Column(nullable = false)
    public boolean phased;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ObligationStatus status;

    /** Why the obligation is not required, when it is not. */
    public String justification;

    @Column(nullable = false)
    public String citation;

    public String notes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Whether the computed due time has changed since a compliance officer overrode it (new facts, a new
     * catalogue): the override still holds, but somebody must look at it again.
     */
    public boolean computedChangedSinceOverride() {
        return overridden && !manual && (!java.util.Objects.equals(computedDueAt, overrideBasisDueAt)
                || !java.util.Objects.equals(computedAsap, overrideBasisAsap));
    }
}
