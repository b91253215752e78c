package org.candor.notification.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.notification.service.KnownIncidentService;
import org.candor.notification.service.MessageService;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Applies incident-service's events, each once (facts the breach notice needs, and status updates
 * to fan out): the inbox mark, the change and any outgoing event
 * commit together, and the record is acknowledged after that. A failure goes to the dead-letter topic.
 */
@ApplicationScoped
public class IncidentEventsConsumer {

    /** The incoming channel of {@code candor.incident.events}. */
    public static final String CHANNEL = "incident-events";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final KnownIncidentService incidents;
    private final MessageService messages;
    private final ConsumerRetry retry;

    IncidentEventsConsumer(Inbox inbox, EventDecoder decoder, KnownIncidentService incidents,
            MessageService messages, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.incidents = incidents;
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
            case IncidentDeclared.TYPE -> incidents.recordDeclared(decoder.decode(event, IncidentDeclared.class));
            case IncidentDetailsChanged.TYPE -> incidents.recordDetails(decoder.decode(event, IncidentDetailsChanged.class));
            case RiskAssessed.TYPE -> incidents.recordRisk(decoder.decode(event, RiskAssessed.class));
            case StatusUpdatePublished.TYPE -> messages.statusUpdatePublished(decoder.decode(event, StatusUpdatePublished.class));
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
