package org.candor.compliance.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.DeliveryEvidence;
import org.candor.contracts.notification.NotificationDelivered;

/** How many affected people were told about an incident, and when (GDPR Art. 34, US state notices). */
@ApplicationScoped
public class EvidenceService {

    /** Messages compliance-service sends itself (reminders) are not evidence of telling affected people. */
    private static final String OWN_MESSAGES = "compliance-";

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

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDelivered(NotificationDelivered event) {
        if (event.incidentId() == null || event.customerId() == null || event.messageType().startsWith(OWN_MESSAGES)) {
            return;
        }
        DeliveryEvidence evidence = new DeliveryEvidence();
        evidence.deliveryId = event.deliveryId();
        evidence.incidentId = event.incidentId();
        evidence.customerId = event.customerId();
        evidence.messageType = event.messageType();
        evidence.channel = event.channel();
        evidence.deliveredAt = event.deliveredAt();
        entityManager.merge(evidence);
    }

    @Transactional
    public Summary summary(UUID incidentId) {
        Object[] row = (Object[]) entityManager.createQuery("select count(distinct e.customerId), count(e),"
                + " min(e.deliveredAt), max(e.deliveredAt) from DeliveryEvidence e where e.incidentId = :incident")
                .setParameter("incident", incidentId).getSingleResult();
        return new Summary(incidentId, (Long) row[0], (Long) row[1], (Instant) row[2], (Instant) row[3]);
    }
}
