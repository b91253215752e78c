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

/** A report submitted to an obligation's recipient. */
@Entity
@Table(name = "filing")
public class Filing extends PanacheEntityBase {

    /** INITIAL is the notification itself; ADDITIONAL completes it in phases; FINAL closes it. */
    public enum Phase {
        INITIAL, ADDITIONAL, FINAL
    }

    @Id
    public UUID id;

    @Column(name = "obligation_id", nullable = false)
    public UUID obligationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Phase phase;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(nullable = false)
    public String channel;

    @Column(nullable = false)
    public String reference;

    @Column(name = "document_sha256", nullable = false)
    public String documentSha256;

    @Column(name = "filed_by", nullable = false)
    public String filedBy;

    @Column(nullable = false)
    public boolean late;

    @Column(name = "late_reason")
    public String lateReason;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;
}
