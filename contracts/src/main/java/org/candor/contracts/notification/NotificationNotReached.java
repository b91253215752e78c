package org.candor.contracts.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A mandatory notice could not be delivered to a person on any channel they have: every channel was tried
 * and failed permanently. The organisation must reach them another way (letter, public communication —
 * GDPR Art. 34(3)(c)); compliance-service counts them apart from the people evidenced as told. Carries no
 * contact details and no message body.
 *
 * @param messageId the notification message (one update's fan-out) the person was not reached for
 * @param attempts one per channel tried, in the order tried
 */
public record NotificationNotReached(UUID messageId, UUID incidentId, String customerId, String messageType,
        List<Attempt> attempts, Instant notReachedAt) implements CandorEvent {

    public static final String TYPE = "candor.notification.not-reached.v1";

    /**
     * One channel that was tried.
     *
     * @param channel EMAIL or SMS
     * @param reason why it failed permanently (provider answer or validation), never the address itself
     */
    public record Attempt(String channel, String reason) {
    }

    @Override
    public String aggregateId() {
        return messageId + ":" + customerId;
    }
}
