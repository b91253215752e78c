package org.candor.feedback.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What surveys need to know about a person: language and segment attributes, never contact details. */
@Entity
@Table(name = "survey_customer")
public class SurveyCustomer extends PanacheEntityBase {

    @Id
    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public String locale;

    @Column(nullable = false)
    public String country;

    public String region;

    @Column(nullable = false)
    public String segment;

    /** Set when the person asked not to be surveyed again. */
    @Column(name = "opted_out_at")
    public Instant optedOutAt;

    /** The last invitation, for the fatigue rule. */
    @Column(name = "last_invited_at")
    public Instant lastInvitedAt;
}
