package org.candor.compliance.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.compliance.service.EvidenceService;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationDelivered;
import org.candor.contracts.notification.NotificationFailed;
import org.candor.contracts.notification.NotificationNotReached;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** Delivery outcomes from notification-service: evidence that affected people were told. */
@ApplicationScoped
public class DeliveryEventsConsumer {

    /** The incoming channel of {@code candor.notification.deliveries}. */
    public static final String CHANNEL = "notification-deliveries";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final EvidenceService evidence;
    private final ConsumerRetry retry;

    DeliveryEventsConsumer(Inbox inbox, EventDecoder decoder, EvidenceService evidence, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.evidence = evidence;
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
            case NotificationBatchDelivered.TYPE ->
                evidence.recordDelivered(decoder.decode(event, NotificationBatchDelivered.class));
            case NotificationDelivered.TYPE -> evidence.recordDelivered(decoder.decode(event, NotificationDelivered.class));
            // A failure proves nothing was delivered; the obligation's evidence stays as it is.
            case NotificationFailed.TYPE -> decoder.decode(event, NotificationFailed.class);
            // Every channel of a person failed: counted apart, with the reasons, unless another notice reached them.
            case NotificationNotReached.TYPE ->
                evidence.recordNotReached(decoder.decode(event, NotificationNotReached.class));
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
