package org.candor.incident.domain;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The organisation's public hotline and its support hours, as compliance-service's organisation profile last
 * published them: the status page shows them. One row.
 */
@Entity
@Table(name = "organisation_contact")
public class OrganisationContact extends PanacheEntityBase {

    /** The only row. */
    public static final int ID = 1;

    @Id
    public int id = ID;

    /** In international format; null when the profile gives none. */
    @Column
    public String hotline;

    /** When the hotline is staffed, a short text per language. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "support_hours", nullable = false)
    public Map<String, String> supportHours = Map.of();

    /** When the profile changed: an older event never replaces a newer contact. */
    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
