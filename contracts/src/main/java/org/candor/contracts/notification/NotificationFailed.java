package org.candor.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/** A message could not be delivered after every attempt, or bounced. */
public record NotificationFailed(UUID deliveryId, UUID incidentId, String customerId, String messageType,
        String channel, String reason, Instant failedAt) implements CandorEvent {

    public static final String TYPE = "candor.notification.failed.v1";

    @Override
    public String aggregateId() {
        return deliveryId.toString();
    }
}
