package org.candor.contracts.customer;

import java.time.Instant;

import org.candor.contracts.CandorEvent;

/** The customer asked for erasure: every service deletes what it holds about them. */
public record CustomerErased(String customerId, Instant erasedAt) implements CandorEvent {

    public static final String TYPE = "candor.affected-customer.erased.v1";

    @Override
    public String aggregateId() {
        return customerId;
    }
}
