package org.candor.feedback.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The answers given through one invitation; partial until submitted. Segment attributes only. */
@Entity
@Table(name = "survey_response")
public class SurveyResponse extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "invitation_id", unique = true)
    /** Null once a response to an anonymous survey was submitted: nothing ties it to the invitation. */
    public UUID invitationId;

    @Column(name = "survey_id", nullable = false)
    public UUID surveyId;

    @Column(name = "survey_version", nullable = false)
    public int surveyVersion;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(nullable = false)
    public int wave;

    @Column(nullable = false)
    public String locale;

    @Column(nullable = false)
    public String country;

    @Column(nullable = false)
    public String segment;

    @Column(nullable = false)
    public String channel;

    public Short nps;

    public Short csat;

    public Short trust;

    @Column(name = "contact_consent", nullable = false)
    public boolean contactConsent;

    /** Question id → list of values, as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public String answers;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "submitted_at")
    public Instant submittedAt;
}
