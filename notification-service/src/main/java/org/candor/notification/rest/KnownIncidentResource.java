package org.candor.notification.rest;

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

import org.candor.notification.service.KnownIncidentService;
import org.candor.notification.service.ProgressService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The incidents this service has received from incident-service. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Known incidents")
@RolesAllowed({Roles.INCIDENT_COMMANDER})
public class KnownIncidentResource {

    private final KnownIncidentService incidents;
    private final ProgressService progress;

    KnownIncidentResource(KnownIncidentService incidents, ProgressService progress) {
        this.incidents = incidents;
        this.progress = progress;
    }

    /**
     * How far the messages about the incident have gone out, for incident-service's overview. An
     * incident this service has not heard of has zero counts rather than a 404.
     */
    @GET
    @Path("/{id}/summary")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public ProgressService.IncidentSummary summary(@PathParam("id") UUID id) {
        return progress.summaryOf(id);
    }

    @GET
    @Path("/{id}")
    public KnownIncidentView get(@PathParam("id") UUID id) {
        return incidents.find(id).map(KnownIncidentView::of)
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    @GET
    public List<KnownIncidentView> latest(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return incidents.latest(limit).stream().map(KnownIncidentView::of).toList();
    }
}
