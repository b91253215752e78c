package org.candor.support.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.candor.platform.security.Roles;
import org.candor.support.domain.Channel;
import org.candor.support.domain.Ticket;
import org.candor.support.domain.TicketStatus;
import org.candor.support.rest.TicketViews.Assign;
import org.candor.support.rest.TicketViews.ChangeStatus;
import org.candor.support.rest.TicketViews.CreateTicket;
import org.candor.support.rest.TicketViews.CustomerMessage;
import org.candor.support.rest.TicketViews.HistoryView;
import org.candor.support.rest.TicketViews.LinkCustomer;
import org.candor.support.rest.TicketViews.MessageView;
import org.candor.support.rest.TicketViews.PostMessage;
import org.candor.support.rest.TicketViews.TicketPage;
import org.candor.support.rest.TicketViews.TicketView;
import org.candor.support.rest.TicketViews.UpdateTicket;
import org.candor.support.service.AssignmentService;
import org.candor.support.service.Problems;
import org.candor.support.service.TicketListQuery;
import org.candor.support.service.TicketService;
import org.candor.support.service.TicketSort;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;

/** Tickets from every channel: open, find, answer, move through their statuses. */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class TicketResource {

    private final TicketService tickets;
    private final TicketListQuery list;
    private final AssignmentService assignment;
    private final SecurityIdentity identity;

    TicketResource(TicketService tickets, TicketListQuery list, AssignmentService assignment, SecurityIdentity identity) {
        this.tickets = tickets;
        this.list = list;
        this.assignment = assignment;
        this.identity = identity;
    }

    @POST
    @Operation(summary = "Open a ticket (an agent logs a call, an email or a web form)")
    public RestResponse<TicketView> open(@Valid @NotNull CreateTicket request) {
        TicketService.TicketWithDueDates opened = tickets.openWithDueDates(new TicketService.NewTicket(request.channel(),
                request.priority(), request.queue(), request.subject(), request.customerId(), request.locale(),
                request.country(), request.incidentId(), request.description()), actor());
        return RestResponse.ResponseBuilder.<TicketView>created(URI.create("/api/tickets/" + opened.ticket().id))
                .entity(TicketView.of(opened.ticket(), opened.due())).build();
    }

    @GET
    @Operation(summary = "List tickets by filter and full-text search (q), sorted by sort (newest, oldest, sla-due,"
            + " priority, last-customer-message); pass nextCursor as cursor for the next page")
    public TicketPage list(@QueryParam("status") String status, @QueryParam("queue") String queue,
            @QueryParam("incidentId") String incidentId, @QueryParam("assignee") String assignee,
            @QueryParam("channel") String channel, @QueryParam("slaBreached") String slaBreached,
            @QueryParam("customerId") String customerId, @QueryParam("q") String q,
            @QueryParam("sort") @DefaultValue("newest") String sort, @QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        TicketSort order = TicketSort.of(sort).orElseThrow(() -> Problems.invalid("sort",
                "'" + sort + "' is not a sort; allowed: " + String.join(", ", TicketSort.parameters())));
        TicketListQuery.Page page = list.list(new TicketListQuery.TicketFilter(
                Params.enumOf(TicketStatus.class, status, "status"), blankToNull(queue),
                Params.uuid(incidentId, "incidentId"), blankToNull(assignee), Params.enumOf(Channel.class, channel, "channel"),
                Params.bool(slaBreached, "slaBreached"), blankToNull(customerId), Params.search(q, "q"), order,
                blankToNull(cursor), limit));
        return new TicketPage(page.items().stream().map(TicketView::of).toList(), page.nextCursor());
    }

    @GET
    @Path("/{id}")
    public TicketView get(@PathParam("id") UUID id) {
        return view(tickets.get(id));
    }

    @PATCH
    @Path("/{id}")
    @Operation(summary = "Change priority, queue or incident")
    public TicketView update(@PathParam("id") UUID id, @Valid @NotNull UpdateTicket request) {
        return view(tickets.update(id, request.priority(), request.queue(), request.incidentId(), actor()));
    }

    @POST
    @Path("/{id}/status")
    @Operation(summary = "Move the ticket to another status; 409 for a transition that is not allowed")
    public TicketView changeStatus(@PathParam("id") UUID id, @Valid @NotNull ChangeStatus request) {
        return view(tickets.changeStatus(id, request.status(), actor()));
    }

    @POST
    @Path("/{id}/messages")
    @Operation(summary = "Add a public reply (sent to the customer) or an internal note")
    @ResponseStatus(201)
    public MessageView post(@PathParam("id") UUID id, @Valid @NotNull PostMessage request) {
        return MessageView.of(tickets.reply(id, request.kind(), request.body(), request.macroId(), actor()));
    }

    @POST
    @Path("/{id}/customer-messages")
    @Operation(summary = "Record what the customer wrote (mail or web form); a ticket waiting for the customer reopens")
    @ResponseStatus(201)
    public MessageView customerMessage(@PathParam("id") UUID id, @Valid @NotNull CustomerMessage request) {
        return MessageView.of(tickets.customerMessage(id, request.body(), "customer"));
    }

    @GET
    @Path("/{id}/messages")
    public List<MessageView> messages(@PathParam("id") UUID id) {
        return tickets.messages(id, true).stream().map(MessageView::of).toList();
    }

    @GET
    @Path("/{id}/history")
    @Operation(summary = "Every change of the ticket, oldest first (append-only)")
    public List<HistoryView> history(@PathParam("id") UUID id) {
        return tickets.history(id).stream().map(HistoryView::of).toList();
    }

    @PUT
    @Path("/{id}/assignee")
    @Operation(summary = "Assign the ticket to an agent (null assignee: unassign)")
    public TicketView assign(@PathParam("id") UUID id, @Valid @NotNull Assign request) {
        return view(assignment.assign(id, request.assignee(), actor(), tickets));
    }

    @PUT
    @Path("/{id}/customer")
    @Operation(summary = "Link the ticket to a customer whose identity the agent verified (e.g. on the phone)")
    public TicketView linkCustomer(@PathParam("id") UUID id, @Valid @NotNull LinkCustomer request) {
        return view(tickets.linkCustomer(id, request.customerId(), actor(), "agent"));
    }

    private TicketView view(Ticket ticket) {
        return TicketView.of(ticket, tickets.dueDates(ticket));
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
