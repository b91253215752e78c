package org.candor.compliance.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A moment that starts legal clocks for an incident, e.g. DISCOVERY or REPORT_SUBMITTED:NIS2_NOTIFICATION. */
@Entity
@Table(name = "incident_trigger")
@IdClass(IncidentTrigger.Key.class)
public class IncidentTrigger extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public UUID incidentId;

    @Id
    public String trigger;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_by", nullable = false)
    public String recordedBy;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public record Key(UUID incidentId, String trigger) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
