package org.candor.compliance.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A signed statement of the audit chain's head: its entry, the number of entries, the head's hash and the time. */
@Entity
@Table(name = "audit_checkpoint")
public class AuditCheckpoint extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "head_seq", nullable = false)
    public long headSeq;

    @Column(name = "entry_count", nullable = false)
    public long entryCount;

    @Column(name = "head_hash", nullable = false)
    public String headHash;

    /** Whole seconds, as signed. */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** SHA-256 (hex) of the signing key's public key. */
    @Column(name = "key_id", nullable = false)
    public String keyId;

    /** Base64 of the Ed25519 signature over the statement. */
    @Column(nullable = false)
    public String signature;
}
