package org.candor.contracts.customer;

import java.time.Instant;

import org.candor.contracts.CandorEvent;

/** A subscriber unsubscribed from public status updates: forget their contact details. */
public record PublicSubscriberRemoved(String subscriberId, Instant removedAt) implements CandorEvent {

    public static final String TYPE = "candor.public-subscriber.removed.v1";

    @Override
    public String aggregateId() {
        return subscriberId;
    }
}
