package org.candor.contracts.support;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A support ticket was opened.
 *
 * @param channel HOTLINE, CHAT, EMAIL or WEB
 * @param priority LOW, NORMAL, HIGH or URGENT
 * @param incidentId the incident it is linked to, or null
 * @param customerId the verified customer, or null
 */
public record TicketOpened(UUID ticketId, String channel, String queue, String priority, UUID incidentId,
        String customerId, String locale, Instant openedAt) implements CandorEvent {

    public static final String TYPE = "candor.ticket.opened.v1";

    @Override
    public String aggregateId() {
        return ticketId.toString();
    }
}
