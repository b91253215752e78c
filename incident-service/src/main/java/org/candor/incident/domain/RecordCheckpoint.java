package org.candor.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * The latest signed checkpoint of compliance-service's audit chain, as its event told it: the status page shows
 * it, so the record's state is held in public where nobody at the organisation can take it back. One row.
 */
@Entity
@Table(name = "record_checkpoint")
public class RecordCheckpoint extends PanacheEntityBase {

    /** The only row. */
    public static final int ID = 1;

    @Id
    public int id = ID;

    @Column(name = "checkpoint_id", nullable = false)
    public long checkpointId;

    @Column(name = "head_seq", nullable = false)
    public long headSeq;

    @Column(nullable = false)
    public long entries;

    @Column(name = "head_hash", nullable = false)
    public String headHash;

    @Column(name = "checkpointed_at", nullable = false)
    public Instant checkpointedAt;

    @Column(name = "key_id", nullable = false)
    public String keyId;

    @Column(nullable = false)
    public String signature;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;
}
