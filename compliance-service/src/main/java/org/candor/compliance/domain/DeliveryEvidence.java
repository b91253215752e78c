package org.candor.compliance.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A message that reached an affected person: evidence that people were told (ids only). */
@Entity
@Table(name = "delivery_evidence")
public class DeliveryEvidence extends PanacheEntityBase {

    @Id
    @Column(name = "delivery_id")
    public UUID deliveryId;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "message_type", nullable = false)
    public String messageType;

    @Column(nullable = false)
    public String channel;

    @Column(name = "delivered_at", nullable = false)
    public Instant deliveredAt;
}
