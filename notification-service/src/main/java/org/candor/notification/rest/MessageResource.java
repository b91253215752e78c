package org.candor.notification.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.service.Audiences;
import org.candor.notification.service.FanOutControl;
import org.candor.notification.service.ProgressService;
import org.candor.notification.service.SendReview;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;

/** Messages (status update revisions per audience, requests), their progress and their deliveries. */
@Path("/api/messages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Messages and deliveries")
@RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.COMPLIANCE_OFFICER})
public class MessageResource {

    /** One delivery's state and attempts; no contact details. */
    public record DeliveryView(UUID id, UUID messageId, String recipientId, String channel, DeliveryStatus status,
            int attempts, Instant nextAttemptAt, String provider, String lastError, Instant sentAt, Instant finishedAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id, d.messageId, d.recipientId, d.channel.name(), d.status, d.attempts,
                    d.nextAttemptAt, d.provider, d.lastError, d.sentAt, d.finishedAt);
        }
    }

    private final ProgressService progress;
    private final FanOutControl control;
    private final SendReview review;
    private final JsonWebToken caller;

    MessageResource(ProgressService progress, FanOutControl control, SendReview review, JsonWebToken caller) {
        this.progress = progress;
        this.control = control;
        this.review = review;
        this.caller = caller;
    }

    /**
     * A second incident commander lets a send to more people than the approval threshold go. 403 for its
     * author, 409 when it is not waiting for approval.
     */
    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public ProgressService.Progress approve(@PathParam("id") UUID id) {
        return review.approve(id, caller.getSubject());
    }

    /** Who the update's message is addressed to, per channel and locale, as the fan-out would reach them now. */
    @GET
    @Path("/{id}/audience")
    public Audiences.Breakdown audience(@PathParam("id") UUID id) {
        return review.audience(id);
    }

    /** The exact messages per channel and language of its audience. */
    @GET
    @Path("/{id}/preview")
    public SendReview.Preview preview(@PathParam("id") UUID id) {
        return review.preview(id);
    }

    /** Sends the message to named staff addresses and numbers; never counted as a delivery to customers. */
    @POST
    @Path("/{id}/test-send")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response testSend(@PathParam("id") UUID id, SendReview.TestSendRequest request) {
        return Response.accepted(review.testSend(id, request, caller.getSubject())).build();
    }

    /** Holds the fan-out: nothing more is sent until it is resumed. 409 once it has finished. */
    @POST
    @Path("/{id}/pause")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public ProgressService.Progress pause(@PathParam("id") UUID id) {
        return control.apply(id, FanOutControl.Action.PAUSE, caller.getSubject());
    }

    /** Lets a paused fan-out go on where it stopped. 409 when it is not paused. */
    @POST
    @Path("/{id}/resume")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public ProgressService.Progress resume(@PathParam("id") UUID id) {
        return control.apply(id, FanOutControl.Action.RESUME, caller.getSubject());
    }

    /** Stops the fan-out for good: what waits is never sent, what was handed over stays sent. 409 once it has finished. */
    @POST
    @Path("/{id}/cancel")
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public ProgressService.Progress cancel(@PathParam("id") UUID id) {
        return control.apply(id, FanOutControl.Action.CANCEL, caller.getSubject());
    }

    @GET
    public List<ProgressService.Progress> ofIncident(@QueryParam("incidentId") @NotNull UUID incidentId,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return progress.ofIncident(incidentId, limit);
    }

    @GET
    @Path("/{id}")
    public ProgressService.Progress get(@PathParam("id") UUID id) {
        return progress.of(id).orElseThrow(() -> new NotFoundException("No message " + id));
    }

    @GET
    @Path("/{id}/deliveries")
    public List<DeliveryView> deliveries(@PathParam("id") UUID id, @QueryParam("status") DeliveryStatus status,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        var query = status == null ? Delivery.<Delivery>find("messageId", Sort.by("id"), id)
                : Delivery.<Delivery>find("messageId = ?1 and status = ?2", Sort.by("id"), id, status);
        return query.page(0, limit).list().stream().map(DeliveryView::of).toList();
    }
}
