package org.candor.support.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Generated;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A live chat between a customer and an agent; its transcript is the messages of its CHAT ticket. */
@Entity
@Table(name = "chat_session")
public class ChatSession extends PanacheEntityBase {

    @Id
    public UUID id;

    /** Order of arrival: the queue position. */
    @Generated
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ChatStatus status;

    @Column(nullable = false)
    public String locale;

    public String agent;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "accepted_at")
    public Instant acceptedAt;

    @Column(name = "ended_at")
    public Instant endedAt;

    @Column(name = "verified_customer_id")
    public String verifiedCustomerId;

    /** EMAIL_CODE or SMS_CODE. */
    @Column(name = "verified_by")
    public String verifiedBy;

    @Column(name = "pending_customer_id")
    public String pendingCustomerId;

    @Column(name = "code_hmac")
    public String codeHmac;

    @Column(name = "code_expires_at")
    public Instant codeExpiresAt;

    /** Wrong codes entered in this chat, over all its codes: a resend does not reset it. */
    @Column(name = "code_attempts", nullable = false)
    public int codeAttempts;

    /** Codes asked for in this chat, resends included. */
    @Column(name = "codes_requested", nullable = false)
    public int codesRequested;

    /** Verification in this chat has ended after too many wrong codes. */
    @Column(name = "verification_locked", nullable = false)
    public boolean verificationLocked;

    /** How the pending code went: email or sms. */
    @Column(name = "code_channel")
    public String codeChannel;
}
