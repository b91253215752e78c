package org.candor.support.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.candor.support.service.KnownIncidentService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The incidents this service has received from incident-service. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Known incidents")
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class KnownIncidentResource {

    private final KnownIncidentService incidents;

    KnownIncidentResource(KnownIncidentService incidents) {
        this.incidents = incidents;
    }

    @GET
    @Path("/{id}")
    public KnownIncidentView get(@PathParam("id") UUID id) {
        return incidents.find(id).map(KnownIncidentView::of)
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    /** For incident-service's overview: counts only, no personal data; zeros for an incident not seen yet. */
    @GET
    @Path("/{id}/summary")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    @Operation(summary = "The support desk's numbers for one incident (for the incident overview)")
    public KnownIncidentService.Summary summary(@PathParam("id") UUID id) {
        return incidents.summary(id);
    }

    @GET
    public List<KnownIncidentView> latest(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return incidents.latest(limit).stream().map(KnownIncidentView::of).toList();
    }
}
