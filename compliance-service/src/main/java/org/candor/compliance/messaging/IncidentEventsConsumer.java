package org.candor.compliance.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.incident.AffectedPopulationSummarized;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.compliance.service.KnownIncidentService;
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
    private final ConsumerRetry retry;

    IncidentEventsConsumer(Inbox inbox, EventDecoder decoder, KnownIncidentService incidents, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.incidents = incidents;
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
            case IncidentPhaseChanged.TYPE -> incidents.recordPhase(decoder.decode(event, IncidentPhaseChanged.class));
            case AffectedPopulationSummarized.TYPE ->
                incidents.recordPopulation(decoder.decode(event, AffectedPopulationSummarized.class));
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
