package org.candor.support.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A customer's question or problem, from any channel, until it is closed. */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    @Id
    public UUID id;

    /**
     * Assigned by the database; the list API's cursor. Read when a ticket is loaded, not fetched back after it is
     * inserted (the list reads it from the table; nothing reads it from a ticket just opened).
     */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Priority priority;

    @Column(nullable = false)
    public String queue;

    @Column(nullable = false)
    public String subject;

    @Column(name = "customer_id")
    public String customerId;

    @Column(nullable = false)
    public String locale;

    public String country;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "problem_id")
    public UUID problemId;

    public String assignee;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "first_responded_at")
    public Instant firstRespondedAt;

    @Column(name = "sla_consumed_seconds", nullable = false)
    public long slaConsumedSeconds;

    @Column(name = "sla_running_since")
    public Instant slaRunningSince;

    @Column(name = "awaiting_reply_from")
    public Long awaitingReplyFrom;

    @Column(name = "sla_at_risk", nullable = false)
    public boolean slaAtRisk;

    @Column(name = "sla_breached", nullable = false)
    public boolean slaBreached;

    @Column(name = "sla_breached_targets", nullable = false)
    public String slaBreachedTargets = "";

    @Column(name = "sla_at_risk_targets", nullable = false)
    public String slaAtRiskTargets = "";

    /** The request of another service that opened the ticket, e.g. {@code follow-up:<id>}; unique. */
    public String origin;

    @Column(name = "sla_next_check_at")
    public Instant slaNextCheckAt;

    /** When the first SLA target still open falls due (a breached one's due date has passed); null while paused. */
    @Column(name = "sla_due_at")
    public Instant slaDueAt;

    /** When the customer last wrote (mail, web, chat, or the description they gave), or null. */
    @Column(name = "last_customer_message_at")
    public Instant lastCustomerMessageAt;

    /** Where replies go for a ticket without a customer: the address given on the contact form (not verified). */
    @Column(name = "requester_email")
    public String requesterEmail;

    @Version
    public long version;
}
