package org.candor.incident.messaging;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.compliance.AuditCheckpointed;
import org.candor.incident.service.publicstatus.RecordCheckpoints;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** Signed checkpoints of compliance-service's audit chain, for the status page. */
@ApplicationScoped
public class ComplianceAuditConsumer {

    /** The incoming channel of {@code candor.compliance.audit}. */
    public static final String CHANNEL = "compliance-audit";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final RecordCheckpoints checkpoints;
    private final ConsumerRetry retry;

    ComplianceAuditConsumer(Inbox inbox, EventDecoder decoder, RecordCheckpoints checkpoints, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.checkpoints = checkpoints;
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
            case AuditCheckpointed.TYPE -> checkpoints.record(decoder.decode(event, AuditCheckpointed.class), Instant.now());
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
