package org.candor.notification.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.notification.service.OrganisationIdentity;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * The organisation's public identity from compliance-service's organisation profile, applied once each through the
 * inbox: every customer message is signed with it from then on.
 */
@ApplicationScoped
public class OrganisationConsumer {

    /** The incoming channel of {@code candor.compliance.organisation}. */
    public static final String CHANNEL = "compliance-organisation";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final OrganisationIdentity organisation;
    private final ConsumerRetry retry;

    OrganisationConsumer(Inbox inbox, EventDecoder decoder, OrganisationIdentity organisation, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.organisation = organisation;
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
            case OrganisationProfileChanged.TYPE ->
                    organisation.apply(decoder.decode(event, OrganisationProfileChanged.class), Instant.now());
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
