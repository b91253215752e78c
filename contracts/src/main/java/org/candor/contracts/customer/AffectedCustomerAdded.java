package org.candor.contracts.customer;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/** A customer was added as affected by an incident. Keyed by customer id. */
public record AffectedCustomerAdded(UUID incidentId, AffectedCustomer customer, Instant occurredAt)
        implements CandorEvent {

    public static final String TYPE = "candor.affected-customer.added.v1";

    @Override
    public String aggregateId() {
        return customer.customerId();
    }
}
