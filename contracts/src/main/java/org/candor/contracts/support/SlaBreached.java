package org.candor.contracts.support;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A ticket's SLA target was missed; supervisors are alerted.
 *
 * @param target FIRST_RESPONSE, NEXT_RESPONSE or RESOLUTION
 * @param priority LOW, NORMAL, HIGH or URGENT
 * @param incidentId the incident the ticket is linked to, or null
 */
public record SlaBreached(UUID ticketId, String queue, String priority, String target, UUID incidentId,
        Instant breachedAt) implements CandorEvent {

    public static final String TYPE = "candor.ticket.sla-breached.v1";

    @Override
    public String aggregateId() {
        return ticketId.toString();
    }
}
