package org.candor.feedback.service;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

/**
 * Notes what became of an invitation's deliveries. Outcome events name the customer, the message type and
 * the incident, not the request: the invitation is the customer's latest one (of that incident) sent before
 * the outcome. The fatigue rule lets a customer have one invitation per fatigue period, so that invitation
 * is the one the outcome belongs to. Reminders' outcomes are not counted.
 */
@ApplicationScoped
public class DeliveryOutcomeService {

    /** How delivery outcomes are counted. */
    public enum Outcome { DELIVERED, BOUNCED, FAILED }

    /** Outcomes may carry a time slightly before the invitation's on another host's clock. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final EntityManager entityManager;

    DeliveryOutcomeService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Counts one delivery outcome of a survey invitation; other messages and unknown customers are left alone. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(String customerId, UUID incidentId, String messageType, Outcome outcome, Instant at) {
        if (customerId == null || !InvitationService.INVITATION_MESSAGE.equals(messageType)) {
            return;
        }
        String column = switch (outcome) {
            case DELIVERED -> "delivered_count";
            case BOUNCED -> "bounced_count";
            case FAILED -> "failed_count";
        };
        int updated = entityManager.createNativeQuery("update invitation set " + column + " = " + column + " + 1"
                + " where id = (select id from invitation where customer_id = :customer"
                + " and incident_id is not distinct from cast(:incident as uuid) and invited_at <= :at"
                + " order by invited_at desc limit 1)")
                .setParameter("customer", customerId)
                .setParameter("incident", incidentId)
                .setParameter("at", at.plus(CLOCK_SKEW))
                .executeUpdate();
        if (updated == 0) {
            Log.debugf("Delivery outcome %s of customer %s matches no invitation", outcome, customerId);
        }
    }

    /** A failure is a bounce when the provider took the message and sent it back. */
    public static Outcome ofFailure(String reason) {
        return reason != null && reason.startsWith("bounced") ? Outcome.BOUNCED : Outcome.FAILED;
    }
}
