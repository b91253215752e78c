package org.candor.incident.rest;

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
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.incident.service.IncidentService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff API for declaring and reading incidents. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    private final IncidentService incidents;
    private final JsonWebToken caller;

    IncidentResource(IncidentService incidents, JsonWebToken caller) {
        this.incidents = incidents;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response declare(@NotNull(message = "a JSON body is required") @Valid DeclareIncidentRequest request) {
        var declaration = new IncidentService.Declaration(request.title().strip(), request.summary().strip(),
                request.severity(), request.detectedAt().toInstant(), request.awareAt().toInstant());
        IncidentView view = IncidentView.of(incidents.declare(declaration, caller.getSubject()));
        return Response.created(URI.create("/api/incidents/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public IncidentView get(@PathParam("id") UUID id) {
        return incidents.find(id).map(IncidentView::of)
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    @GET
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public List<IncidentView> latest(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return incidents.latest(limit).stream().map(IncidentView::of).toList();
    }
}
