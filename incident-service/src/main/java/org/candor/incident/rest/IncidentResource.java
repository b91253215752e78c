package org.candor.incident.rest;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.incident.domain.Expert;
import org.candor.incident.rest.LifecycleViews.ActionRequest;
import org.candor.incident.rest.LifecycleViews.ActionView;
import org.candor.incident.rest.LifecycleViews.AssessmentRequest;
import org.candor.incident.rest.LifecycleViews.AssessmentView;
import org.candor.incident.rest.LifecycleViews.TransitionRequest;
import org.candor.incident.rest.LifecycleViews.TransitionView;
import org.candor.incident.service.IncidentService;
import org.candor.incident.service.overview.OverviewService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Staff API for the incident's life: declaration, facts, phases, response log, risk assessment. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    private final IncidentService incidents;
    private final OverviewService overviews;
    private final JsonWebToken caller;

    IncidentResource(IncidentService incidents, OverviewService overviews, JsonWebToken caller) {
        this.incidents = incidents;
        this.overviews = overviews;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response declare(@NotNull(message = "a JSON body is required") @Valid DeclareIncidentRequest request) {
        IncidentView view = IncidentView.of(incidents.declare(details(request), caller.getSubject()));
        return Response.created(URI.create("/api/incidents/" + view.id())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public IncidentView get(@PathParam("id") UUID id) {
        return incidents.find(id).map(IncidentView::of)
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    /**
     * Everything the services know about the incident on one page. The other services are asked with the
     * caller's own token, so the overview never shows more than the caller may read; a service that is down
     * or slow is marked unavailable instead of failing the whole answer.
     */
    @GET
    @Path("/{id}/overview")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public OverviewView overview(@PathParam("id") UUID id) {
        return overviews.of(id, "Bearer " + caller.getRawToken()).map(OverviewView::of)
                .orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    @GET
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public List<IncidentView> latest(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return incidents.latest(limit).stream().map(IncidentView::of).toList();
    }

    /** Replaces the incident's facts; an edit that changes nothing publishes nothing. */
    @PUT
    @Path("/{id}/details")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public IncidentView updateDetails(@PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid DeclareIncidentRequest request) {
        return IncidentView.of(incidents.updateDetails(id, details(request)));
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public TransitionView transition(@PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid TransitionRequest request) {
        return TransitionView.of(incidents.transition(id, request.phase(), caller.getSubject()));
    }

    @GET
    @Path("/{id}/transitions")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public List<TransitionView> transitions(@PathParam("id") UUID id) {
        return incidents.transitions(id).stream().map(TransitionView::of).toList();
    }

    @POST
    @Path("/{id}/actions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response recordAction(@PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid ActionRequest request) {
        Instant occurredAt = request.occurredAt() == null ? Instant.now() : micros(request.occurredAt());
        ActionView view = ActionView.of(incidents.recordAction(id, request.kind(), request.description().strip(),
                occurredAt, request.corrects(), caller.getSubject()));
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @Path("/{id}/actions")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public List<ActionView> actions(@PathParam("id") UUID id) {
        return incidents.actions(id).stream().map(ActionView::of).toList();
    }

    @POST
    @Path("/{id}/risk-assessments")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INCIDENT_COMMANDER)
    public Response assess(@PathParam("id") UUID id,
            @NotNull(message = "a JSON body is required") @Valid AssessmentRequest request) {
        AssessmentView view = AssessmentView.of(incidents.assess(id, request.likelihood(), request.impact(),
                request.rationale().strip(), caller.getSubject()));
        return Response.status(Response.Status.CREATED).entity(view).build();
    }

    @GET
    @Path("/{id}/risk-assessments/latest")
    @RolesAllowed({Roles.INCIDENT_COMMANDER, Roles.ANALYST})
    public AssessmentView latestAssessment(@PathParam("id") UUID id) {
        return incidents.latestAssessment(id).map(AssessmentView::of)
                .orElseThrow(() -> new NotFoundException("Incident " + id + " has no risk assessment yet"));
    }

    private static IncidentService.Details details(DeclareIncidentRequest request) {
        Map<String, String> summaries = new LinkedHashMap<>();
        if (request.summary() != null && !request.summary().isBlank()) {
            summaries.put("en", request.summary().strip());
        }
        if (request.summaries() != null) {
            request.summaries().forEach((locale, text) -> summaries.put(locale, text.strip()));
        }
        List<Expert> experts = request.experts() == null ? List.of() : request.experts().stream()
                .map(expert -> new Expert(expert.kind(), expert.name().strip(), micros(expert.engagedAt())))
                .toList();
        return new IncidentService.Details(request.title().strip(), summaries, request.severity(),
                micros(request.detectedAt()), micros(request.awareAt()),
                request.dataCategories() == null ? List.of() : request.dataCategories().stream().distinct().toList(),
                request.affectedSystems() == null ? List.of() : request.affectedSystems().stream().map(String::strip).toList(),
                request.attackVector() == null || request.attackVector().isBlank() ? null : request.attackVector().strip(),
                experts);
    }

    /** PostgreSQL keeps microseconds; truncating here makes an unchanged edit compare equal. */
    private static Instant micros(OffsetDateTime time) {
        return time.toInstant().truncatedTo(ChronoUnit.MICROS);
    }
}
