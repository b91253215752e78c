package org.candor.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.notification.service.MessageService;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Notification requests from any service. A request that cannot be sent as it stands (no
 * idempotency key, unknown template or locale, invalid address) rolls back and goes to the
 * dead-letter topic with the reason; nothing of it is queued.
 */
@ApplicationScoped
public class NotificationRequestsConsumer {

    /** The incoming channel of {@code candor.notification.requests}. */
    public static final String CHANNEL = "notification-requests";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final MessageService messages;
    private final ConsumerRetry retry;

    NotificationRequestsConsumer(Inbox inbox, EventDecoder decoder, MessageService messages, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.messages = messages;
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
            case NotificationRequested.TYPE -> messages.requested(decoder.decode(event, NotificationRequested.class));
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
