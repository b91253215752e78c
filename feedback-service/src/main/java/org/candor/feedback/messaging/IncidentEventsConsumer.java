package org.candor.feedback.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.feedback.service.KnownIncidentService;
import org.candor.feedback.service.TriggerService;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Applies incident-service's events, each once: the inbox mark, the change and any outgoing event
 * commit together, and the record is acknowledged after that. A failure goes to the dead-letter topic.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    /** The incoming channel of {@code candor.incident.events}. */
    public static final String CHANNEL = "incident-events";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final KnownIncidentService incidents;
    private final TriggerService triggers;
    private final ConsumerRetry retry;

    IncidentEventsConsumer(Inbox inbox, EventDecoder decoder, KnownIncidentService incidents,
            TriggerService triggers, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.incidents = incidents;
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
            case IncidentDeclared.TYPE -> incidents.recordDeclared(decoder.decode(event, IncidentDeclared.class));
            case StatusUpdatePublished.TYPE -> triggers.statusUpdated(decoder.decode(event, StatusUpdatePublished.class));
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
