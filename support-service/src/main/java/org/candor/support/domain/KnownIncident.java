package org.candor.support.domain;

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

/** An incident as this service knows it from incident-service's events. */
@Entity
@Table(name = "known_incident")
public class KnownIncident extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(name = "aware_at", nullable = false)
    public Instant awareAt;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;

    /** DETECTED, CONTAINED, ERADICATED, RECOVERED or CLOSED. */
    @Column(nullable = false)
    public String phase = "DETECTED";

    /** When this service applied the event. */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
