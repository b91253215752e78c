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
     * Assigned by the database: the list API's cursor and the number people quote ({@link #reference()}). Fetched back
     * with the insert (PostgreSQL's {@code RETURNING}), so a ticket just opened has it too.
     */
    @Column(insertable = false, updatable = false)
    @org.hibernate.annotations.Generated
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

    /** What the customer and the agents call the ticket, e.g. {@code T-1042}: short enough to read out on the phone. */
    public String reference() {
        return seq == null ? null : REFERENCE_PREFIX + seq;
    }

    /** The ticket number in a reference ({@code T-1042} or {@code 1042}), or null when it is not one. */
    public static Long number(String reference) {
        if (reference == null) {
            return null;
        }
        String digits = reference.strip().toUpperCase(java.util.Locale.ROOT);
        if (digits.startsWith(REFERENCE_PREFIX)) {
            digits = digits.substring(REFERENCE_PREFIX.length());
        }
        return digits.matches("[0-9]{1,18}") ? Long.valueOf(digits) : null;
    }

    private static final String REFERENCE_PREFIX = "T-";
}
