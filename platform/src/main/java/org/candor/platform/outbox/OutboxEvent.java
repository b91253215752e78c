package org.candor.platform.outbox;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An event waiting in the outbox table of the service's own database. It is written in the same
 * transaction as the state change it describes and published to Kafka by {@link OutboxRelay}. The
 * table's {@code seq} column (filled by the database) gives the publishing order.
 */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {

    /** Also the CloudEvents {@code ce_id}, so consumers can recognise a redelivery. */
    @Id
    public UUID id;

    @Column(name = "aggregate_type", nullable = false)
    public String aggregateType;

    @Column(name = "aggregate_id", nullable = false)
    public String aggregateId;

    @Column(nullable = false)
    public String type;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public String payload;

    @Column(name = "published_at")
    public Instant publishedAt;
}
