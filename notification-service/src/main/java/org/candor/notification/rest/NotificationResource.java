package org.candor.notification.rest;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.contracts.notification.NotificationRequested;
import org.candor.notification.service.MessageService;
import org.candor.notification.service.RequestRejectedException;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The same notification request as on {@code candor.notification.requests}, over HTTP for staff
 * tools: 202 with the message id, 200 when the idempotency key was seen before, 400 problem+json
 * naming each invalid field. Who asked is the token's subject: a {@code requestedBy} in the body is
 * ignored. Only roles that may tell people of a breach (incident commanders, compliance officers) may
 * mark a request mandatory, since a mandatory message overrides every opt-out.
 */
@Path("/api/notifications")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notification requests")
@RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.COMPLIANCE_OFFICER, Roles.SUPPORT_SUPERVISOR})
public class NotificationResource {

    /** Roles whose requests may be mandatory. */
    static final Set<String> MAY_SEND_MANDATORY = Set.of(Roles.INCIDENT_COMMANDER, Roles.COMPLIANCE_OFFICER);

    private final MessageService messages;
    private final SecurityIdentity identity;

    NotificationResource(MessageService messages, SecurityIdentity identity) {
        this.messages = messages;
        this.identity = identity;
    }

    @POST
    public Response request(NotificationRequested body) {
        if (body == null) {
            throw new RequestRejectedException(java.util.List.of(Problem.FieldError.field("", "the body is missing")));
        }
        if (body.requestedBy() != null && body.requestedBy().length() > MessageService.MAX_REQUESTED_BY) {
            // Ignored, but still bounded like every string: an oversized body is refused, not quietly trimmed.
            throw new RequestRejectedException(java.util.List.of(Problem.FieldError.field("requestedBy",
                    "is longer than " + MessageService.MAX_REQUESTED_BY + " characters")));
        }
        if (body.mandatory() && MAY_SEND_MANDATORY.stream().noneMatch(identity::hasRole)) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN,
                    "Only an incident commander or a compliance officer may send a mandatory message"));
        }
        NotificationRequested request = new NotificationRequested(
                body.requestId() != null ? body.requestId() : UUID.randomUUID(), body.idempotencyKey(),
                identity.getPrincipal().getName(), body.messageType(), body.incidentId(), body.recipient(),
                body.parameters(), body.mandatory(), body.urgent());
        var created = QuarkusTransaction.requiringNew().call(() -> messages.requested(request));
        return created.map(id -> Response.accepted(Map.of("messageId", id)).location(URI.create("/api/messages/" + id))
                .build()).orElseGet(() -> Response.ok(Map.of("duplicate", true)).build());
    }

    @ServerExceptionMapper
    public Response rejected(RequestRejectedException e) {
        return Problem.invalid("The notification request cannot be sent", e.errors()).toResponse();
    }
}
