package org.candor.incident.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An entry in the response action log. Entries are never edited or deleted (the database refuses
 * it too); a correction is a new entry whose {@code corrects} names the old one.
 */
@Entity
@Immutable
@Table(name = "response_action")
public class ResponseAction extends PanacheEntityBase {

    /** What kind of response step it was. */
    public enum Kind {
        IDENTIFICATION, ISOLATION, CREDENTIAL_RESET, MFA_ROLLOUT, PATCHING, FORENSICS, COMMUNICATION,
        LAW_ENFORCEMENT, RECOVERY, OTHER
    }

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String description;

    /** When it happened (may be earlier than when it was logged). */
    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(nullable = false)
    public String actor;

    /** The entry this one corrects, or null. */
    public UUID corrects;
}
