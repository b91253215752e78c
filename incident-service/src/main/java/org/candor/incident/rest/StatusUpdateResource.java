package org.candor.incident.rest;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.incident.domain.StatusUpdate;
import org.candor.incident.service.StatusUpdateService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Status updates: what the organisation tells the public or the affected customers. */
@Path("/api/incidents/{id}/updates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status updates")
public class StatusUpdateResource {

    /**
     * @param status INVESTIGATING, IDENTIFIED, MONITORING or RESOLVED
     * @param audience PUBLIC (status page and subscribers) or AFFECTED (only the affected customers)
     * @param messages the message per locale; at least one
     * @param notifyPeople whether to tell people now
     * @param nextUpdateDueAt when the next update is promised, if one is
     * @param urgent whether its SMS go out at once, also at night in the recipient's time zone; absent is false
     */
    public record UpdateRequest(@NotNull StatusUpdate.Status status, @NotNull StatusUpdate.Audience audience,
            @NotEmpty @Size(max = 10) Map<@Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?",
                    message = "must be a locale such as de or en-GB") String, @NotBlank @Size(max = 5000) String> messages,
            boolean notifyPeople, @Future OffsetDateTime nextUpdateDueAt, Boolean urgent) {
    }

    public record UpdateView(UUID id, int revision, StatusUpdate.Status status, StatusUpdate.Audience audience,
            Map<String, String> messages, boolean notifyPeople, Instant nextUpdateDueAt, Instant publishedAt,
            Instant updatedAt, String publishedBy, boolean urgent) {

        static UpdateView of(StatusUpdate update) {
            return new UpdateView(update.id, update.revision, update.status, update.audience, update.messages,
                    update.notify, update.nextUpdateDueAt, update.publishedAt, update.updatedAt, update.publishedBy,
                    update.urgent);
        }
    }

    private final StatusUpdateService updates;
    private final JsonWebToken caller;

    StatusUpdateResource(StatusUpdateService updates, JsonWebToken caller) {
        this.updates = updates;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response publish(@PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid UpdateRequest request) {
        UpdateView view = UpdateView.of(updates.publish(id, content(request), caller.getSubject()));
        return Response.created(URI.create("/api/incidents/" + id + "/updates/" + view.id())).entity(view).build();
    }

    @PUT
    @Path("/{updateId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public UpdateView edit(@PathParam("id") UUID id, @PathParam("updateId") UUID updateId,
            @NotNull(message = "a JSON body is required") @Valid UpdateRequest request) {
        return UpdateView.of(updates.edit(id, updateId, content(request), caller.getSubject()));
    }

    @GET
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public List<UpdateView> list(@PathParam("id") UUID id) {
        return updates.list(id).stream().map(UpdateView::of).toList();
    }

    private static StatusUpdateService.Content content(UpdateRequest request) {
        Map<String, String> messages = new java.util.LinkedHashMap<>();
        request.messages().forEach((locale, text) -> messages.put(locale, text.strip()));
        return new StatusUpdateService.Content(request.status(), request.audience(), messages, request.notifyPeople(),
                request.nextUpdateDueAt() == null ? null
                        : request.nextUpdateDueAt().toInstant().truncatedTo(ChronoUnit.MICROS),
                Boolean.TRUE.equals(request.urgent()));
    }
}
