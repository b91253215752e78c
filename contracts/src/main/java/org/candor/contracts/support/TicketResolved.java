package org.candor.contracts.support;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A support ticket was resolved; feedback-service may ask the customer how it went.
 *
 * @param channel HOTLINE, CHAT, EMAIL or WEB
 * @param customerId the verified customer, or null
 * @param country ISO 3166-1 alpha-2 of the customer, or null
 */
public record TicketResolved(UUID ticketId, String channel, String queue, UUID incidentId, String customerId,
        String locale, String country, Instant resolvedAt) implements CandorEvent {

    public static final String TYPE = "candor.ticket.resolved.v1";

    @Override
    public String aggregateId() {
        return ticketId.toString();
    }
}
