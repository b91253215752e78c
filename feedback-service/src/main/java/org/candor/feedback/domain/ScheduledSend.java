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

/**
 * A survey send that is due later: one customer's satisfaction survey after a ticket, one wave
 * of an incident's trust survey to all its affected customers, or a campaign to a segment.
 */
@Entity
@Table(name = "scheduled_send")
public class ScheduledSend extends PanacheEntityBase {

    @Id
    public UUID id;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Purpose purpose;

    @Column(name = "incident_id")
    public UUID incidentId;

    /** One customer (ticket survey), or null for every affected customer of the incident. */
    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public int wave;

    public String channel;

    public String locale;

    public String country;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "done_at")
    public Instant doneAt;

    /** The survey version this send uses, fixed when its first batch goes out. */
    @Column(name = "survey_id")
    public UUID surveyId;

    @Column(name = "survey_version")
    public Integer surveyVersion;

    /** The last customer (in id order) whose invitation was decided; the next batch starts after it. */
    @Column(name = "progress_customer_id")
    public String progressCustomerId;

    /** A campaign's segment of customers (with {@link #country} and {@link #incidentId} as further filters). */
    public String segment;

    @Column(name = "created_at")
    public Instant createdAt;

    /** Customers invited so far, and those left alone for the fatigue rule or their opt-out. */
    public int invited;

    @Column(name = "skipped_fatigue")
    public int skippedFatigue;

    @Column(name = "skipped_opted_out")
    public int skippedOptedOut;

    /** What caused it, e.g. {@code ticket:<id>}: the same cause never schedules twice. */
    @Column(name = "source_key", nullable = false, unique = true)
    public String sourceKey;
}
