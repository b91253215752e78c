package org.candor.contracts.customer;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/** A customer turned out not to be affected by the incident. */
public record AffectedCustomerRemoved(UUID incidentId, String customerId, Instant occurredAt) implements CandorEvent {

    public static final String TYPE = "candor.affected-customer.removed.v1";

    @Override
    public String aggregateId() {
        return customerId;
    }
}
