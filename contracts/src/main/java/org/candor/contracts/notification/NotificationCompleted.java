package org.candor.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * Every delivery of one message has been handed to a provider or has failed: nothing is pending.
 * Evidence of when the affected people were told, and how many could not be reached.
 *
 * @param messageId the message: one revision of a status update for one audience
 * @param recipients distinct people with at least one delivery
 * @param reached distinct people with at least one delivery accepted by a provider
 */
public record NotificationCompleted(UUID messageId, UUID incidentId, UUID updateId, Integer revision,
        String messageType, String audience, long total, long sent, long delivered, long failed, long bounced,
        long recipients, long reached, Instant startedAt, Instant completedAt) implements CandorEvent {

    public static final String TYPE = "candor.notification.completed.v1";

    @Override
    public String aggregateId() {
        return messageId.toString();
    }
}
