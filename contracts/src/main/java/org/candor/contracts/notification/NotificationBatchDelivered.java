package org.candor.contracts.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * Messages that providers accepted, recorded together (evidence that people were told). A fan-out
 * to a million people hands over two million messages; one event per recorded batch instead of one
 * per message keeps that evidence complete at a thousandth of the events. Replaces publishing
 * {@link NotificationDelivered} per message, which consumers still understand.
 *
 * @param batchId identifies this batch of outcomes (and keys the event)
 * @param deliveries at least one, each accepted by a provider
 */
public record NotificationBatchDelivered(UUID batchId, List<Delivered> deliveries) implements CandorEvent {

    public static final String TYPE = "candor.notification.batch-delivered.v1";

    /** At most this many deliveries in one event, so that an event stays far below Kafka's message size limit. */
    public static final int MAX_DELIVERIES = 500;

    /**
     * One message a provider accepted.
     *
     * @param channel EMAIL or SMS
     * @param provider which provider took it
     */
    public record Delivered(UUID deliveryId, UUID incidentId, String customerId, String messageType, String channel,
            String provider, Instant deliveredAt) {
    }

    @Override
    public String aggregateId() {
        return batchId.toString();
    }
}
