package org.candor.compliance.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.candor.compliance.service.FilingService;
import org.candor.compliance.service.OverrideService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Filings of an obligation, obligations judged not required, and due times set by hand. */
@Path("/api/obligations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Obligations")
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
public class ObligationResource {

    private final FilingService filings;
    private final OverrideService overrides;
    private final JsonWebToken caller;

    ObligationResource(FilingService filings, OverrideService overrides, JsonWebToken caller) {
        this.filings = filings;
        this.overrides = overrides;
        this.caller = caller;
    }

    /** Sets the due time by hand, earlier or later than computed, with a reason; the computed one stays beside it. */
    @PUT
    @Path("/{id}/override")
    public ObligationView override(@PathParam("id") UUID obligationId, OverrideRequest request) {
        return ObligationView.of(overrides.override(obligationId, request, caller.getSubject()));
    }

    /** Puts the computed due time back in force, with a reason. */
    @POST
    @Path("/{id}/override/withdrawal")
    public ObligationView withdrawOverride(@PathParam("id") UUID obligationId, ReasonRequest request) {
        return ObligationView.of(overrides.withdraw(obligationId, request == null ? null : request.reason(),
                caller.getSubject()));
    }

    @POST
    @Path("/{id}/filings")
    public Response file(@PathParam("id") UUID obligationId, FilingRequest request, @Context SecurityContext security) {
        ObligationView.FilingView filing = ObligationView.FilingView.of(filings.file(obligationId, request, actor(security)));
        return Response.status(Response.Status.CREATED).entity(filing).build();
    }

    @GET
    @Path("/{id}/filings")
    public List<ObligationView.FilingView> filings(@PathParam("id") UUID obligationId) {
        return filings.filings(obligationId).stream().map(ObligationView.FilingView::of).toList();
    }

    @POST
    @Path("/{id}/not-required")
    public ObligationView notRequired(@PathParam("id") UUID obligationId, ObligationView.NotRequiredRequest request,
            @Context SecurityContext security) {
        return ObligationView.of(filings.notRequired(obligationId, request == null ? null : request.justification(),
                actor(security)));
    }

    /** Who acts: the token's subject, never a name from the request body. */
    private String actor(SecurityContext security) {
        return caller.getSubject() != null ? caller.getSubject() : security.getUserPrincipal().getName();
    }
}
