package org.candor.incident.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.notification.NotificationSendControlled;
import org.candor.incident.service.SendDecisionLog;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Commanders' decisions on an update's send, from notification-service, into the incident's response log. The
 * topic's other events (delivery outcomes, progress) are not this service's business and are skipped before the inbox,
 * which would otherwise keep an id for each of them.
 */
@ApplicationScoped
public class NotificationSendsConsumer {

    /** The incoming channel of {@code candor.notification.deliveries}. */
    public static final String CHANNEL = "notification-sends";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final SendDecisionLog log;
    private final ConsumerRetry retry;

    NotificationSendsConsumer(Inbox inbox, EventDecoder decoder, SendDecisionLog log, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.log = log;
        this.retry = retry;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        retry.inTransaction(record, () -> apply(record));
    }

    private void apply(ConsumerRecord<String, String> record) {
        ReceivedEvent event = ReceivedEvent.from(record);
        if (!NotificationSendControlled.TYPE.equals(event.type())) {
            KnownEventTypes.requireCatalogued(event);
            return;
        }
        if (inbox.firstDelivery(event.id())) {
            log.record(decoder.decode(event, NotificationSendControlled.class));
        }
    }
}
