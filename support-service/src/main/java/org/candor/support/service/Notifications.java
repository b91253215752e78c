package org.candor.support.service;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.notification.NotificationRequested;
import org.candor.platform.outbox.Outbox;

/**
 * Asks notification-service to send a message, through the outbox, inside the caller's transaction.
 * None of support's messages is a mandatory breach notice: replies, codes and decisions are sent as
 * ordinary messages, so a customer's opt-out of a channel applies to them.
 */
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

    /**
     * A message the person asked for this minute to the one address they named (a verification code to
     * the email address or phone number on record): it goes to that address only, not to the customer's
     * other channel.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void toContact(String idempotencyKey, String messageType, CustomerContact contact, String locale,
            Map<String, String> parameters, boolean urgent, Instant now) {
        boolean email = CustomerContact.EMAIL.equals(contact.kind());
        send(idempotencyKey, messageType, null, new NotificationRequested.Recipient(null, email ? contact.value() : null,
                email ? null : contact.value(), locale), parameters, urgent, now);
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
                recipient, parameters, false, urgent), now);
    }
}
