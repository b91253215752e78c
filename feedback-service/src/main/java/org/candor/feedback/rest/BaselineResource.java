package org.candor.feedback.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.feedback.service.BaselineService;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Pre-incident scores, imported as counts, that waves are read against. */
@Path("/api/baselines")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Baselines")
@RolesAllowed({Roles.ANALYST})
public class BaselineResource {

    private final BaselineService baselines;

    BaselineResource(BaselineService baselines) {
        this.baselines = baselines;
    }

    /** Imports a baseline: 201, or 400 problem+json naming each field at fault (nothing stored then). */
    @POST
    public Response importBaseline(@NotNull @Valid BaselineRequest request) {
        BaselineView stored = BaselineView.of(baselines.importBaseline(new BaselineService.Figures(
                request.incidentId(), request.label(), request.measuredFrom(), request.measuredTo(),
                request.nps() == null ? null : request.nps().promoters(),
                request.nps() == null ? null : request.nps().passives(),
                request.nps() == null ? null : request.nps().detractors(),
                request.csat() == null ? null : request.csat().answers(),
                request.csat() == null ? null : request.csat().satisfied(), request.trustCounts())));
        return Response.created(URI.create("/api/baselines/" + stored.id())).entity(stored).build();
    }

    /** Baselines, newest first; {@code incidentId} for one incident's. */
    @GET
    public List<BaselineView> list(@QueryParam("incidentId") String incidentId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID incident = StatisticsQuery.uuid("incidentId", incidentId, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The query has invalid parameters", errors));
        }
        return baselines.list(incident).stream().map(BaselineView::of).toList();
    }

    @GET
    @Path("/{id}")
    public BaselineView one(@PathParam("id") UUID id) {
        return baselines.find(id).map(BaselineView::of).orElseThrow(() -> new ProblemException(
                Problem.of(Response.Status.NOT_FOUND, "No baseline " + id)));
    }
}
