package org.candor.feedback.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.feedback.service.CampaignService;
import org.candor.feedback.service.SurveyService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Survey definitions (versioned, texts per locale) and manual campaigns. */
@Path("/api/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Surveys")
@RolesAllowed({Roles.ANALYST})
public class SurveyResource {

    private final SurveyService surveys;
    private final CampaignService campaigns;

    SurveyResource(SurveyService surveys, CampaignService campaigns) {
        this.surveys = surveys;
        this.campaigns = campaigns;
    }

    @POST
    public Response create(@NotNull @Valid SurveyRequest request) {
        SurveyView created = SurveyView.of(surveys.create(request.name(), request.purpose(), request.anonymous(),
                request.definition()));
        return Response.created(URI.create("/api/surveys/" + created.id())).entity(created).build();
    }

    @GET
    public List<SurveyView> all() {
        return surveys.all().stream().map(SurveyView::of).toList();
    }

    @GET
    @Path("/{id}")
    public SurveyView current(@PathParam("id") UUID id) {
        return SurveyView.of(surveys.current(id));
    }

    @GET
    @Path("/{id}/versions/{version}")
    public SurveyView version(@PathParam("id") UUID id, @PathParam("version") @Min(1) int version) {
        return SurveyView.of(surveys.version(id, version));
    }

    /** Stores the content as the next version. */
    @PUT
    @Path("/{id}")
    public SurveyView revise(@PathParam("id") UUID id, @NotNull @Valid SurveyRevision revision) {
        return SurveyView.of(surveys.revise(id, revision.definition()));
    }

    /** Invites every known customer of a segment (optionally of one country or incident), fatigue permitting. */
    @POST
    @Path("/{id}/campaigns")
    public CampaignResult campaign(@PathParam("id") UUID id, @NotNull @Valid CampaignRequest request) {
        CampaignService.Outcome outcome = campaigns.run(id, request.segment(), request.country(), request.incidentId());
        return new CampaignResult(outcome.invited(), outcome.skippedFatigue(), outcome.skippedOptedOut());
    }
}
