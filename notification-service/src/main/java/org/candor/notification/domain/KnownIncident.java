package org.candor.notification.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    /** The public summary per locale. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> summaries = new HashMap<>();

    /** The kinds of personal data concerned, comma-separated {@code DataCategory} names. */
    @Column(name = "data_categories", nullable = false)
    public String dataCategories = "";

    /** Whether the risk assessment found a high risk to people: the Art. 34 notice is mandatory. */
    @Column(name = "high_risk", nullable = false)
    public boolean highRisk;

    /** The message that carried the breach notice to the affected customers, once there is one. */
    @Column(name = "breach_notice_message_id")
    public UUID breachNoticeMessageId;

    /** When this service applied the event. */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
