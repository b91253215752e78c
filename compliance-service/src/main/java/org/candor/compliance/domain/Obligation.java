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

    /** Null when due "without undue delay" ({@link #asap}). */
    @Column(name = "due_at")
    public Instant dueAt;

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
}
