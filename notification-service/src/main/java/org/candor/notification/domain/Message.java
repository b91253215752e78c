package org.candor.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One logical message (a status update revision for its audience, or one notification request) and
 * the state of its fan-out into deliveries.
 */
@Entity
@Table(name = "message")
public class Message extends PanacheEntityBase {

    public static final String AFFECTED = "AFFECTED";
    public static final String PUBLIC = "PUBLIC";
    public static final String DIRECT = "DIRECT";

    @Id
    public UUID id;

    /** Same source, same message: {@code update:<incident>:<update>:<revision>:<audience>} or {@code request:<key>}. */
    @Column(name = "source_key", nullable = false)
    public String sourceKey;

    @Column(name = "message_type", nullable = false)
    public String messageType;

    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(name = "update_id")
    public UUID updateId;

    public Integer revision;

    /** AFFECTED, PUBLIC, or DIRECT (one recipient from a request). */
    @Column(nullable = false)
    public String audience;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** What the templates render: {@link MessageContent} as JSON. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public MessageContent content;

    @Column(nullable = false)
    public boolean mandatory;

    @Column(nullable = false)
    public boolean urgent;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "fan_out_cursor")
    public String fanOutCursor;

    @Column(name = "fanned_out_at")
    public Instant fannedOutAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public String reported;

    /** Set while an incident commander holds the fan-out; its waiting deliveries are PAUSED. */
    @Column(name = "paused_at")
    public Instant pausedAt;

    /** Set once the fan-out was cancelled: nothing more of it is sent. */
    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /** Who paused, resumed or cancelled it last (the token's subject). */
    @Column(name = "controlled_by")
    public String controlledBy;

    @Column(name = "controlled_at")
    public Instant controlledAt;

    /** How many people it was addressed to when it was created (null for a message to one person). */
    @Column(name = "audience_size")
    public Long audienceSize;

    /** Addressed to more people than the approval threshold: nothing is fanned out before {@link #approvedAt}. */
    @Column(name = "approval_required", nullable = false)
    public boolean approvalRequired;

    /** The second incident commander who approved it (the token's subject), never its author ({@link #requestedBy}). */
    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "approved_at")
    public Instant approvedAt;

    /** The message (an earlier revision of the same update) this correction corrects; it goes to the people that one reached. */
    public UUID corrects;

    /** For a test send to named staff: the message it is a copy of. */
    @Column(name = "test_of")
    public UUID testOf;

    /** Waiting for a second incident commander's approval. */
    public boolean awaitingApproval() {
        return approvalRequired && approvedAt == null && cancelledAt == null;
    }
}
