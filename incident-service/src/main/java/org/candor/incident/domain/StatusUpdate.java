package org.candor.incident.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
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

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Something the organisation said about the incident, to the public or to the affected customers. */
@Entity
@Table(name = "status_update")
public class StatusUpdate extends PanacheEntityBase {

    /** The public status of the incident as of this update. */
    public enum Status {
        INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED
    }

    /** Who sees the update: everyone (status page and subscribers) or only the affected customers. */
    public enum Audience {
        PUBLIC, AFFECTED
    }

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    /** 1 when published, one more for each edit that changed something. */
    @Column(nullable = false)
    public int revision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Audience audience;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> messages = new LinkedHashMap<>();

    /** Whether people were to be told of this (revision of the) update. */
    @Column(nullable = false)
    public boolean notify;

    @Column(name = "next_update_due_at")
    public Instant nextUpdateDueAt;

    /** Whether its SMS go out at once, also in the recipients' quiet hours. */
    @Column(nullable = false)
    public boolean urgent;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "published_by", nullable = false)
    public String publishedBy;
}
