package org.candor.support.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A public reply, an internal note or a customer's message on a ticket. */
@Entity
@Table(name = "ticket_message")
public class TicketMessage extends PanacheEntityBase {

    @Id
    public UUID id;

    /**
     * Assigned by the database: the order of writing. Read when a message is loaded, not fetched back after it
     * is inserted (queries order by it; nothing reads it from a message just written).
     */
    @Column(insertable = false, updatable = false)
    public Long seq;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public MessageKind kind;

    @Column(nullable = false)
    public String author;

    @Column(nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
