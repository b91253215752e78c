package org.candor.feedback.rest;

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

import org.candor.feedback.service.KnownIncidentService;
import org.candor.feedback.service.StatisticsService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The incidents this service has received from incident-service. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Known incidents")
@RolesAllowed({Roles.ANALYST})
public class KnownIncidentResource {

    private final KnownIncidentService incidents;
    private final StatisticsService statistics;

    KnownIncidentResource(KnownIncidentService incidents, StatisticsService statistics) {
        this.incidents = incidents;
        this.statistics = statistics;
    }

    /**
     * The incident's feedback at a glance, for incident-service's overview: zeros and nulls for an
     * incident this service has not heard of yet, never 404.
     */
    @GET
    @Path("/{id}/summary")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public IncidentSummaryView summary(@PathParam("id") UUID id) {
        return IncidentSummaryView.of(id, statistics.incidentSummary(id));
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
