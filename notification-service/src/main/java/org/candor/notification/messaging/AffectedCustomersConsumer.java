package org.candor.notification.messaging;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.customer.AffectedCustomerRemoved;
import org.candor.contracts.customer.AffectedCustomerUpdated;
import org.candor.contracts.customer.CustomerErased;
import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.contracts.customer.PublicSubscriberRemoved;
import org.candor.notification.service.RecipientService;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.ConsumerStoppedException;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/**
 * Keeps the recipient projection from incident-service's affected-customer topic (the only topic
 * with contact details): customers per incident, public subscribers, and erasures.
 */
@ApplicationScoped
public class AffectedCustomersConsumer {

    /** The incoming channel of {@code candor.incident.affected-customers}. */
    public static final String CHANNEL = "affected-customers";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final RecipientService recipients;
    private final ConsumerDeadLetters deadLetters;
    private final ConsumerRetry retry;

    AffectedCustomersConsumer(Inbox inbox, EventDecoder decoder, RecipientService recipients,
            ConsumerDeadLetters deadLetters, ConsumerRetry retry) {
        this.retry = retry;
        this.inbox = inbox;
        this.decoder = decoder;
        this.recipients = recipients;
        this.deadLetters = deadLetters;
    }

    /**
     * A poll's records in one transaction: a million affected customers arrive as a million events,
     * and one commit per event would take longer than telling them all. A transient failure (the
     * database restarting, a lost connection) retries the whole batch in place, in order and without
     * committing the offsets. If one record spoils the batch for good, each is applied on its own,
     * and only a record that fails permanently by itself goes to the dead-letter topic, with the
     * reason, before the batch is acknowledged. Customers the batch links to an incident are handed to
     * {@link RecipientService#linked} at its end, incidents in id order (one lock per incident and batch,
     * always taken in the same order).
     */
    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        if (batch.isEmpty()) {
            return;
        }
        try {
            retry.inTransaction(describe(batch), () -> {
                Map<UUID, Set<String>> linked = new TreeMap<>();
                batch.forEach(record -> apply(record, linked));
                linked.forEach(recipients::linked);
            });
        } catch (ConsumerStoppedException stopped) {
            throw stopped;
        } catch (RuntimeException batchFailed) {
            for (ConsumerRecord<String, String> record : batch) {
                try {
                    retry.inTransaction(record, () -> {
                        Map<UUID, Set<String>> linked = new TreeMap<>();
                        apply(record, linked);
                        linked.forEach(recipients::linked);
                    });
                } catch (ConsumerStoppedException stopped) {
                    throw stopped;
                } catch (RuntimeException e) {
                    retry.run("Dead letter of " + record.topic() + "-" + record.partition() + "@" + record.offset(),
                            () -> deadLetters.reject(record, e));
                }
            }
        }
    }

    private static String describe(List<ConsumerRecord<String, String>> batch) {
        ConsumerRecord<String, String> first = batch.get(0);
        return "Batch of " + batch.size() + " records from " + first.topic() + "-" + first.partition() + "@" + first.offset();
    }

    /** Applies one record; a customer it newly links to an incident is added to {@code linked}. */
    private void apply(ConsumerRecord<String, String> record, Map<UUID, Set<String>> linked) {
        ReceivedEvent event = ReceivedEvent.from(record);
        if (!inbox.firstDelivery(event.id())) {
            return;
        }
        switch (event.type()) {
            case AffectedCustomerAdded.TYPE -> {
                AffectedCustomerAdded added = decoder.decode(event, AffectedCustomerAdded.class);
                if (recipients.customerAffected(added.incidentId(), added.customer())) {
                    linked.computeIfAbsent(added.incidentId(), incident -> new HashSet<>()).add(added.customer().customerId());
                }
            }
            case AffectedCustomerUpdated.TYPE -> {
                AffectedCustomerUpdated updated = decoder.decode(event, AffectedCustomerUpdated.class);
                if (recipients.customerAffected(updated.incidentId(), updated.customer())) {
                    linked.computeIfAbsent(updated.incidentId(), incident -> new HashSet<>()).add(updated.customer().customerId());
                }
            }
            case AffectedCustomerRemoved.TYPE -> {
                AffectedCustomerRemoved removed = decoder.decode(event, AffectedCustomerRemoved.class);
                recipients.customerRemoved(removed.incidentId(), removed.customerId());
            }
            case CustomerErased.TYPE -> recipients.erase(decoder.decode(event, CustomerErased.class).customerId());
            case PublicSubscriberConfirmed.TYPE ->
                recipients.subscriberConfirmed(decoder.decode(event, PublicSubscriberConfirmed.class));
            case PublicSubscriberRemoved.TYPE ->
                recipients.subscriberRemoved(decoder.decode(event, PublicSubscriberRemoved.class).subscriberId());
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
