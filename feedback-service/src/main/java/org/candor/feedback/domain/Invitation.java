package org.candor.feedback.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One personal invitation to answer one survey version; its link is a signed token naming it. */
@Entity
@Table(name = "invitation")
public class Invitation extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "survey_id", nullable = false)
    public UUID surveyId;

    @Column(name = "survey_version", nullable = false)
    public int surveyVersion;

    /** Cleared once an anonymous survey is answered, or when the person is erased. */
    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(nullable = false)
    public int wave;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Trigger trigger;

    @Column(nullable = false)
    public String locale;

    @Column(nullable = false)
    public String country;

    @Column(nullable = false)
    public String segment;

    /** The ticket channel, or INCIDENT or CAMPAIGN. */
    @Column(nullable = false)
    public String channel;

    /** The scheduled send (wave) that issued it; null for campaigns. */
    @Column(name = "scheduled_send_id")
    public UUID scheduledSendId;

    @Column(name = "invited_at", nullable = false)
    public Instant invitedAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Column(name = "opened_at")
    public Instant openedAt;

    @Column(name = "answered_at")
    public Instant answeredAt;

    @Column(name = "reminded_at")
    public Instant remindedAt;
}
