package org.candor.support.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.candor.support.domain.Channel;
import org.candor.support.domain.MessageKind;
import org.candor.support.domain.Priority;
import org.candor.support.domain.SlaTarget;
import org.candor.support.domain.Ticket;
import org.candor.support.domain.TicketHistory;
import org.candor.support.domain.TicketMessage;
import org.candor.support.domain.TicketStatus;
import org.candor.support.service.TicketListQuery;

/** The ticket API's requests and answers. */
public final class TicketViews {

    private TicketViews() {
    }

    /** Opens a ticket; without {@code incidentId} the active incident is suggested. */
    public record CreateTicket(
            @NotNull Channel channel,
            Priority priority,
            @Size(min = 1, max = 64) String queue,
            @NotBlank @Size(max = 200) String subject,
            @Size(max = 128) String customerId,
            @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*") String locale,
            @Pattern(regexp = "[A-Z]{2}") String country,
            UUID incidentId,
            @Size(max = 10000) String description) {
    }

    public record UpdateTicket(Priority priority, @Size(min = 1, max = 64) String queue, UUID incidentId) {
    }

    public record ChangeStatus(@NotNull TicketStatus status) {
    }

    /** A public reply or internal note: {@code body}, or the body of macro {@code macroId}. */
    public record PostMessage(@NotNull MessageKind kind, @Size(max = 10000) String body, UUID macroId) {
    }

    public record CustomerMessage(@NotBlank @Size(max = 10000) String body) {
    }

    public record Assign(@Size(min = 1, max = 128) String assignee) {
    }

    public record LinkCustomer(@NotBlank @Size(max = 128) String customerId) {
    }

    public record TicketView(UUID id, String reference, Channel channel, TicketStatus status, Priority priority, String queue,
            String subject, String customerId, String locale, String country, UUID incidentId, UUID problemId,
            String assignee, Instant createdAt, Instant updatedAt, Instant firstRespondedAt, Instant resolvedAt,
            Instant closedAt, Instant lastCustomerMessageAt, SlaView sla) {

        static TicketView of(Ticket ticket, Map<SlaTarget, Instant> due) {
            return new TicketView(ticket.id, ticket.reference(), ticket.channel, ticket.status, ticket.priority, ticket.queue,
                    ticket.subject, ticket.customerId, ticket.locale, ticket.country, ticket.incidentId,
                    ticket.problemId, ticket.assignee, ticket.createdAt, ticket.updatedAt, ticket.firstRespondedAt,
                    ticket.resolvedAt, ticket.closedAt, ticket.lastCustomerMessageAt,
                    new SlaView(ticket.slaRunningSince == null, ticket.slaAtRisk, ticket.slaBreached,
                            split(ticket.slaBreachedTargets), ticket.slaDueAt, due));
        }

        /** A listed ticket: the list shows no due dates. */
        static TicketView of(TicketListQuery.ListedTicket ticket) {
            return new TicketView(ticket.id(), "T-" + ticket.seq(), ticket.channel(), ticket.status(), ticket.priority(), ticket.queue(),
                    ticket.subject(), ticket.customerId(), ticket.locale(), ticket.country(), ticket.incidentId(),
                    ticket.problemId(), ticket.assignee(), ticket.createdAt(), ticket.updatedAt(),
                    ticket.firstRespondedAt(), ticket.resolvedAt(), ticket.closedAt(), ticket.lastCustomerMessageAt(),
                    new SlaView(ticket.slaPaused(), ticket.slaAtRisk(), ticket.slaBreached(),
                            split(ticket.slaBreachedTargets()), ticket.slaDueAt(), Map.of()));
        }

        private static List<String> split(String targets) {
            return targets.isBlank() ? List.of() : List.of(targets.split(","));
        }
    }

    /**
     * @param paused true while the clock does not run (waiting for the customer, resolved or closed)
     * @param nextDueAt when the first target still open falls due, breached ones included (what {@code sort=sla-due}
     *            orders by; null while paused)
     * @param due when each target still open falls due (absent while paused)
     */
    public record SlaView(boolean paused, boolean atRisk, boolean breached, List<String> breachedTargets,
            Instant nextDueAt, Map<SlaTarget, Instant> due) {
    }

    public record TicketPage(List<TicketView> items, String nextCursor) {
    }

    public record MessageView(UUID id, UUID ticketId, MessageKind kind, String author, String body, Instant createdAt) {

        static MessageView of(TicketMessage message) {
            return new MessageView(message.id, message.ticketId, message.kind, message.author, message.body,
                    message.createdAt);
        }
    }

    public record HistoryView(long id, Instant at, String actor, String action, String detail) {

        static HistoryView of(TicketHistory entry) {
            return new HistoryView(entry.id, entry.at, entry.actor, entry.action, entry.detail);
        }
    }
}
