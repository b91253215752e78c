package org.candor.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * How far the delivery of one message to its audience has come (published while it runs, when the
 * counts change). Counts are deliveries, one per person and channel.
 *
 * @param messageId the message: one revision of a status update for one audience
 * @param updateId the status update, or null
 * @param audience AFFECTED or PUBLIC
 * @param pending deliveries not yet handed to a provider (queued, waiting for quiet hours to end, retrying)
 */
public record NotificationProgressReported(UUID messageId, UUID incidentId, UUID updateId, Integer revision,
        String messageType, String audience, long total, long sent, long delivered, long failed, long bounced,
        long pending, Instant reportedAt) implements CandorEvent {

    public static final String TYPE = "candor.notification.progress-reported.v1";

    @Override
    public String aggregateId() {
        return messageId.toString();
    }
}
