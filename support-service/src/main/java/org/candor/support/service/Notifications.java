package org.candor.support.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.notification.NotificationRequested;
import org.candor.platform.outbox.Outbox;

/** Asks notification-service to send a message, through the outbox, inside the caller's transaction. */
@ApplicationScoped
public class Notifications {

    static final String REQUESTED_BY = "support-service";

    private final Outbox outbox;

    Notifications(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A message to a customer known to notification-service. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void toCustomer(String idempotencyKey, String messageType, UUID incidentId, String customerId, String locale,
            Map<String, String> parameters, boolean urgent, Instant now) {
        send(idempotencyKey, messageType, incidentId, new NotificationRequested.Recipient(customerId, null, null, locale),
                parameters, urgent, now);
    }

    /** A message to a staff address, such as the supervisors' mailbox. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void toAddress(String idempotencyKey, String messageType, UUID incidentId, String email, String locale,
            Map<String, String> parameters, boolean urgent, Instant now) {
        send(idempotencyKey, messageType, incidentId, new NotificationRequested.Recipient(null, email, null, locale),
                parameters, urgent, now);
    }

    private void send(String idempotencyKey, String messageType, UUID incidentId, NotificationRequested.Recipient recipient,
            Map<String, String> parameters, boolean urgent, Instant now) {
        outbox.record(new NotificationRequested(UUID.randomUUID(), idempotencyKey, REQUESTED_BY, messageType, incidentId,
                recipient, parameters, true, urgent), now);
    }
}
