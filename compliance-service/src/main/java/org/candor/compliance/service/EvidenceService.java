package org.candor.compliance.service;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.DeliveryEvidence;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationDelivered;
import org.hibernate.Session;

/** How many affected people were told about an incident, and when (GDPR Art. 34, US state notices). */
@ApplicationScoped
public class EvidenceService {

    /**
     * The messages that tell affected people about the incident itself: the breach notice (GDPR Art. 34) and
     * later updates to them. Everything else notification-service sends for an incident (ticket replies,
     * verification and assistance codes, survey invitations, reminders to the DPO) is not evidence that a
     * person was told of the breach, even though it names the incident and the customer.
     */
    static final Set<String> NOTICES = Set.of("breach-notice", "status-update");

    private final EntityManager entityManager;

    EvidenceService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * @param peopleTold distinct affected customers with at least one delivered message
     * @param deliveries delivered messages
     */
    public record Summary(UUID incidentId, long peopleTold, long deliveries, Instant firstDeliveredAt,
            Instant lastDeliveredAt) {
    }

    /** One delivered message (the single event of earlier versions). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDelivered(NotificationDelivered event) {
        record(List.of(new NotificationBatchDelivered.Delivered(event.deliveryId(), event.incidentId(),
                event.customerId(), event.messageType(), event.channel(), event.provider(), event.deliveredAt())));
    }

    /**
     * Keeps the evidence of a batch of delivered messages to affected customers about an incident, in one
     * statement; a delivery already recorded (an event delivered again) stays as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDelivered(NotificationBatchDelivered batch) {
        record(batch.deliveries());
    }

    private void record(List<NotificationBatchDelivered.Delivered> deliveries) {
        List<NotificationBatchDelivered.Delivered> evidence = deliveries.stream()
                .filter(d -> d.incidentId() != null && d.customerId() != null && NOTICES.contains(d.messageType()))
                .toList();
        if (evidence.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into delivery_evidence (delivery_id, incident_id, customer_id, message_type, channel, delivered_at)
                    select * from unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[])
                    on conflict (delivery_id) do nothing""")) {
                insert.setArray(1, connection.createArrayOf("uuid", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::deliveryId).toArray()));
                insert.setArray(2, connection.createArrayOf("uuid", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::incidentId).toArray()));
                insert.setArray(3, connection.createArrayOf("varchar", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::customerId).toArray()));
                insert.setArray(4, connection.createArrayOf("varchar", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::messageType).toArray()));
                insert.setArray(5, connection.createArrayOf("varchar", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::channel).toArray()));
                insert.setArray(6, connection.createArrayOf("timestamptz", evidence.stream()
                        .map(d -> d.deliveredAt().toString()).toArray()));
                insert.executeUpdate();
            }
        });
    }

    @Transactional
    public Summary summary(UUID incidentId) {
        Object[] row = (Object[]) entityManager.createQuery("select count(distinct e.customerId), count(e),"
                + " min(e.deliveredAt), max(e.deliveredAt) from DeliveryEvidence e where e.incidentId = :incident")
                .setParameter("incident", incidentId).getSingleResult();
        return new Summary(incidentId, (Long) row[0], (Long) row[1], (Instant) row[2], (Instant) row[3]);
    }
}
