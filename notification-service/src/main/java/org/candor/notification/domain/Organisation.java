package org.candor.notification.domain;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The organisation's public identity as compliance-service's organisation profile last published it; one row. */
@Entity
@Table(name = "organisation")
public class Organisation extends PanacheEntityBase {

    public static final short ID = 1;

    @Id
    public short id = ID;

    @Column(name = "legal_name", nullable = false)
    public String legalName;

    @Column(name = "dpo_name", nullable = false)
    public String dpoName;

    @Column(name = "dpo_email", nullable = false)
    public String dpoEmail;

    @Column(name = "dpo_phone")
    public String dpoPhone;

    @Column
    public String hotline;

    /** When the hotline is staffed, a short text per language. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "support_hours", nullable = false)
    public Map<String, String> supportHours = Map.of();

    /** When the profile changed in compliance-service: an older event never replaces a newer identity. */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
