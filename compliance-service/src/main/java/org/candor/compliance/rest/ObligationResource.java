package org.candor.compliance.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.candor.compliance.service.FilingService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Filings of an obligation, and obligations judged not required. */
@Path("/api/obligations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Obligations")
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
public class ObligationResource {

    private final FilingService filings;

    ObligationResource(FilingService filings) {
        this.filings = filings;
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

    private static String actor(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
