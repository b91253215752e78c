package org.candor.support.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Concrete help for the customers affected by an incident, with a pool of the provider's activation codes. */
@Entity
@Table(name = "assistance_offer")
public class AssistanceOffer extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    /** e.g. CREDIT_MONITORING or IDENTITY_PROTECTION. */
    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String provider;

    @Column(name = "valid_months", nullable = false)
    public int validMonths;

    /** The provider's page where a customer enters the code (https), or null when the offer names none. */
    @Column(name = "activation_url")
    public String activationUrl;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
