package org.candor.contracts.support;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A ticket's SLA target is about to be missed; supervisors are alerted.
 *
 * @param target FIRST_RESPONSE, NEXT_RESPONSE or RESOLUTION
 * @param priority LOW, NORMAL, HIGH or URGENT
 * @param dueAt when the target breaches if nothing happens (the clock pauses while waiting for the customer)
 * @param incidentId the incident the ticket is linked to, or null
 */
public record SlaAtRisk(UUID ticketId, String queue, String priority, String target, Instant dueAt,
        UUID incidentId, Instant detectedAt) implements CandorEvent {

    public static final String TYPE = "candor.ticket.sla-at-risk.v1";

    @Override
    public String aggregateId() {
        return ticketId.toString();
    }
}
