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

import org.candor.feedback.config.FeedbackConfig;
import org.candor.feedback.service.CampaignService;
import org.candor.feedback.service.SurveyService;
import org.candor.feedback.service.TriggerService;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.context.ManagedExecutor;
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
    private final TriggerService triggers;
    private final ManagedExecutor executor;
    private final FeedbackConfig config;

    SurveyResource(SurveyService surveys, CampaignService campaigns, TriggerService triggers, ManagedExecutor executor,
            FeedbackConfig config) {
        this.surveys = surveys;
        this.campaigns = campaigns;
        this.triggers = triggers;
        this.executor = executor;
        this.config = config;
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

    /**
     * Starts inviting every known customer of a segment (optionally of one country or incident), fatigue and
     * opt-outs permitting: 202 with the campaign, whose progress {@code Location} tells. The batches start at
     * once on this instance (and are picked up by the dispatch job of any instance should this one stop).
     */
    @POST
    @Path("/{id}/campaigns")
    public Response campaign(@PathParam("id") UUID id, @NotNull @Valid CampaignRequest request) {
        CampaignView campaign = CampaignView.of(campaigns.start(id, request.segment(), request.country(),
                request.incidentId()));
        if (config.schedulerEnabled()) {
            executor.runAsync(triggers::dispatchDue);
        }
        return Response.accepted(campaign).location(URI.create("/api/surveys/" + id + "/campaigns/" + campaign.id()))
                .build();
    }

    /** How far a campaign has come: invited and skipped so far, RUNNING or DONE. */
    @GET
    @Path("/{id}/campaigns/{campaignId}")
    public CampaignView campaignProgress(@PathParam("id") UUID id, @PathParam("campaignId") UUID campaignId) {
        return campaigns.progress(id, campaignId).map(CampaignView::of).orElseThrow(() -> new ProblemException(
                Problem.of(Response.Status.NOT_FOUND, "No campaign " + campaignId + " of survey " + id)));
    }
}
