package org.candor.incident.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.candor.contracts.incident.Severity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A security incident the organisation is handling. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String summary;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Phase phase;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(name = "aware_at", nullable = false)
    public Instant awareAt;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;

    /** The staff subject who declared it. */
    @Column(name = "declared_by", nullable = false)
    public String declaredBy;
}
