package org.candor.feedback.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationDelivered;
import org.candor.contracts.notification.NotificationFailed;
import org.candor.feedback.service.DeliveryOutcomeService;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** Counts the deliveries of survey invitations (accepted, bounced, failed), once per event. */
@ApplicationScoped
public class DeliveryOutcomesConsumer {

    /** The incoming channel of {@code candor.notification.deliveries}. */
    public static final String CHANNEL = "notification-deliveries";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final DeliveryOutcomeService outcomes;
    private final ConsumerRetry retry;

    DeliveryOutcomesConsumer(Inbox inbox, EventDecoder decoder, DeliveryOutcomeService outcomes, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.outcomes = outcomes;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        retry.inTransaction(record, () -> apply(record));
    }

    private void apply(ConsumerRecord<String, String> record) {
        ReceivedEvent event = ReceivedEvent.from(record);
        if (!inbox.firstDelivery(event.id())) {
            return;
        }
        switch (event.type()) {
            case NotificationDelivered.TYPE -> {
                NotificationDelivered delivered = decoder.decode(event, NotificationDelivered.class);
                outcomes.record(delivered.customerId(), delivered.incidentId(), delivered.messageType(),
                        DeliveryOutcomeService.Outcome.DELIVERED, delivered.deliveredAt());
            }
            case NotificationBatchDelivered.TYPE -> {
                for (NotificationBatchDelivered.Delivered delivered
                        : decoder.decode(event, NotificationBatchDelivered.class).deliveries()) {
                    outcomes.record(delivered.customerId(), delivered.incidentId(), delivered.messageType(),
                            DeliveryOutcomeService.Outcome.DELIVERED, delivered.deliveredAt());
                }
            }
            case NotificationFailed.TYPE -> {
                NotificationFailed failed = decoder.decode(event, NotificationFailed.class);
                outcomes.record(failed.customerId(), failed.incidentId(), failed.messageType(),
                        DeliveryOutcomeService.ofFailure(failed.reason()), failed.failedAt());
            }
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
