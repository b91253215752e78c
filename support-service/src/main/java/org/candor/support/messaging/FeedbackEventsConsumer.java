package org.candor.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.platform.inbox.Inbox;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.platform.messaging.EventDecoder;
import org.candor.platform.messaging.KnownEventTypes;
import org.candor.platform.messaging.ReceivedEvent;
import org.candor.support.service.CallbackService;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;

/** feedback-service's events: a follow-up request opens a callback ticket, once per event. */
@ApplicationScoped
public class FeedbackEventsConsumer {

    /** The incoming channel of {@code candor.feedback.events}. */
    public static final String CHANNEL = "feedback-events";

    private final Inbox inbox;
    private final EventDecoder decoder;
    private final CallbackService callbacks;
    private final ConsumerRetry retry;

    FeedbackEventsConsumer(Inbox inbox, EventDecoder decoder, CallbackService callbacks, ConsumerRetry retry) {
        this.inbox = inbox;
        this.decoder = decoder;
        this.callbacks = callbacks;
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
            case FollowUpRequested.TYPE -> callbacks.open(decoder.decode(event, FollowUpRequested.class));
            default -> KnownEventTypes.requireCatalogued(event);
        }
    }
}
