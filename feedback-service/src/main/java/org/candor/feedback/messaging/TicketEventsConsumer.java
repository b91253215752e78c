package org.candor.feedback.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.support.TicketResolved;
import org.candor.feedback.service.TriggerService;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** Schedules a satisfaction survey for each resolved ticket, once per event. */
@ApplicationScoped
public class TicketEventsConsumer {

    /** The incoming channel of {@code candor.support.tickets}. */
    public static final String CHANNEL = "support-tickets";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final TriggerService triggers;
    private final ConsumerRetry retry;

    TicketEventsConsumer(Inbox inbox, EventDecoder decoder, TriggerService triggers, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.triggers = triggers;
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
            case TicketResolved.TYPE -> triggers.ticketResolved(decoder.decode(event, TicketResolved.class));
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
