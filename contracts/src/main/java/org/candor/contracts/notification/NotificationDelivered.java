package org.candor.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A message reached a provider that accepted it (evidence that a person was told).
 *
 * @param channel EMAIL or SMS
 * @param provider which provider took it
 */
public record NotificationDelivered(UUID deliveryId, UUID incidentId, String customerId, String messageType,
        String channel, String provider, Instant deliveredAt) implements CandorEvent {

    public static final String TYPE = "candor.notification.delivered.v1";

    @Override
    public String aggregateId() {
        return deliveryId.toString();
    }
}
