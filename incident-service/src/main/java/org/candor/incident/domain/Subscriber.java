package org.candor.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Someone who asked for public status updates by email or SMS. */
@Entity
@Table(name = "subscriber")
public class Subscriber extends PanacheEntityBase {

    public enum Status {
        PENDING, CONFIRMED
    }

    @Id
    public String id;

    public String email;

    public String phone;

    @Column(nullable = false)
    public String locale;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** SHA-256 of the subscriber id and the SMS code; the code itself is never stored. */
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "code_expires_at")
    public Instant codeExpiresAt;

    @Column(name = "code_attempts", nullable = false)
    public int codeAttempts;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    /** While PENDING: when the latest confirmation link or code expires; the subscription is deleted after it. */
    @Column(name = "expires_at")
    public Instant expiresAt;
}
