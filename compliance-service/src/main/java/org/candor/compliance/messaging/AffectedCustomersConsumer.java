package org.candor.compliance.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.compliance.service.EvidenceService;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.customer.AffectedCustomerRemoved;
import org.candor.contracts.customer.AffectedCustomerUpdated;
import org.candor.contracts.customer.CustomerErased;
import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.contracts.customer.PublicSubscriberRemoved;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Where affected customers live, for evidence per country and US state. Only the customer id, country and region are
 * kept; name, email, phone and locale are read past and never stored.
 */
@ApplicationScoped
public class AffectedCustomersConsumer {

    /** The incoming channel of {@code candor.incident.affected-customers}. */
    public static final String CHANNEL = "affected-customers";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final EvidenceService evidence;
    private final ConsumerRetry retry;

    AffectedCustomersConsumer(Inbox inbox, EventDecoder decoder, EvidenceService evidence, ConsumerRetry retry) {
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
            case AffectedCustomerAdded.TYPE -> {
                AffectedCustomerAdded added = decoder.decode(event, AffectedCustomerAdded.class);
                evidence.recordPlace(added.incidentId(), added.customer(), added.occurredAt());
            }
            case AffectedCustomerUpdated.TYPE -> {
                AffectedCustomerUpdated updated = decoder.decode(event, AffectedCustomerUpdated.class);
                evidence.recordPlace(updated.incidentId(), updated.customer(), updated.occurredAt());
            }
            case AffectedCustomerRemoved.TYPE -> {
                AffectedCustomerRemoved removed = decoder.decode(event, AffectedCustomerRemoved.class);
                evidence.removePlace(removed.incidentId(), removed.customerId());
            }
            case CustomerErased.TYPE -> evidence.erasePlaces(decoder.decode(event, CustomerErased.class).customerId());
            // Public status-page subscribers are not affected people: nothing to count.
            case PublicSubscriberConfirmed.TYPE, PublicSubscriberRemoved.TYPE -> {
            }
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
