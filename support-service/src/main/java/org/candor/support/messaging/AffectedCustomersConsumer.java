package org.candor.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.customer.AffectedCustomerRemoved;
import org.candor.contracts.customer.AffectedCustomerUpdated;
import org.candor.contracts.customer.CustomerErased;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.candor.support.service.CustomerService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** Who is affected by which incident (eligibility for offers), and erasure requests; each event once. */
@ApplicationScoped
public class AffectedCustomersConsumer {

    /** The incoming channel of {@code candor.incident.affected-customers}. */
    public static final String CHANNEL = "affected-customers";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final CustomerService customers;
    private final ConsumerRetry retry;

    AffectedCustomersConsumer(Inbox inbox, EventDecoder decoder, CustomerService customers, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.customers = customers;
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
                customers.affected(added.incidentId(), added.customer());
            }
            case AffectedCustomerUpdated.TYPE -> {
                AffectedCustomerUpdated updated = decoder.decode(event, AffectedCustomerUpdated.class);
                customers.affected(updated.incidentId(), updated.customer());
            }
            case AffectedCustomerRemoved.TYPE -> {
                AffectedCustomerRemoved removed = decoder.decode(event, AffectedCustomerRemoved.class);
                customers.notAffected(removed.incidentId(), removed.customerId());
            }
            case CustomerErased.TYPE -> customers.erase(decoder.decode(event, CustomerErased.class).customerId());
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
