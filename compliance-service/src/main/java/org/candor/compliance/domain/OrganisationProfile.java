package org.candor.compliance.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The organisation whose obligations this service keeps; one row. */
@Entity
@Table(name = "organisation_profile")
public class OrganisationProfile extends PanacheEntityBase {

    public static final short ID = 1;

    @Id
    public short id = ID;

    @Column(name = "legal_name", nullable = false)
    public String legalName;

    /** ISO 3166-1 alpha-2 countries, the main establishment first. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> establishments;

    @Column(name = "lead_authority", nullable = false)
    public String leadAuthority;

    @Column(name = "dpo_name", nullable = false)
    public String dpoName;

    @Column(name = "dpo_email", nullable = false)
    public String dpoEmail;

    @Column(name = "dpo_phone")
    public String dpoPhone;

    /** The public hotline in international format, as customers are told it; null when not given. */
    @Column
    public String hotline;

    /** When the hotline is staffed: a short text per language (en, de). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "support_hours", nullable = false)
    public java.util.Map<String, String> supportHours = java.util.Map.of();

    /** Compliance officers who get the reminders too. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "officer_emails", nullable = false)
    public List<String> officerEmails;

    /** The language reminders are written in. */
    @Column(nullable = false)
    public String locale;

    @Column(nullable = false)
    public String timezone;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> flags;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public static java.util.Optional<OrganisationProfile> current() {
        return findByIdOptional(ID);
    }
}
