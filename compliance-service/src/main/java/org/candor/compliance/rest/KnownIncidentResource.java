package org.candor.compliance.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.candor.compliance.service.EvidenceService;
import org.candor.compliance.service.FilingService;
import org.candor.compliance.service.IncidentSummaryService;
import org.candor.compliance.service.KnownIncidentService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The incidents this service has received from incident-service, with their obligations. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Known incidents")
@RolesAllowed({Roles.COMPLIANCE_OFFICER})
public class KnownIncidentResource {

    private final KnownIncidentService incidents;
    private final FilingService filings;
    private final EvidenceService evidence;
    private final IncidentSummaryService summaries;

    KnownIncidentResource(KnownIncidentService incidents, FilingService filings, EvidenceService evidence,
            IncidentSummaryService summaries) {
        this.incidents = incidents;
        this.filings = filings;
        this.evidence = evidence;
        this.summaries = summaries;
    }

    @GET
    @Path("/{id}")
    public KnownIncidentView get(@PathParam("id") UUID id) {
        return incidents.find(id).map(KnownIncidentView::of)
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    @GET
    @Path("/{id}/obligations")
    public List<ObligationView> obligations(@PathParam("id") UUID incidentId) {
        return filings.obligations(incidentId).stream().map(ObligationView::of).toList();
    }

    /** Records a trigger learnt later (e.g. the materiality determination); deadlines are recomputed. */
    @POST
    @Path("/{id}/triggers")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<ObligationView> trigger(@PathParam("id") UUID incidentId, TriggerRequest request,
            @Context SecurityContext security) {
        filings.recordTrigger(incidentId, request, security.getUserPrincipal().getName());
        return obligations(incidentId);
    }

    /** How many affected people were told, and when. */
    @GET
    @Path("/{id}/evidence")
    public EvidenceService.Summary evidence(@PathParam("id") UUID incidentId) {
        return evidence.summary(incidentId);
    }

    /** For incident-service's overview: counts only, and zeros for an incident not received yet. */
    @GET
    @Path("/{id}/summary")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public IncidentSummaryView summary(@PathParam("id") UUID incidentId) {
        return summaries.summary(incidentId);
    }

    @GET
    public List<KnownIncidentView> latest(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return incidents.latest(limit).stream().map(KnownIncidentView::of).toList();
    }
}
