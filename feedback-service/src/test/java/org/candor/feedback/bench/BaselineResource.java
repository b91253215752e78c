package org.candor.feedback.bench;

import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.candor.platform.security.Roles;

/**
 * Trivial endpoints measured next to the real ones, so the benchmark reports a ratio, not a drifting number.
 * Test code only and no part of the API, so they stay out of the OpenAPI document (and its fuzz test).
 */
@Path("/bench/baseline")
public class BaselineResource {

    /** Same HTTP stack and bearer-token check as the statistics, no work. */
    @GET
    @Operation(hidden = true)
    @RolesAllowed({Roles.ANALYST})
    @Produces(MediaType.APPLICATION_JSON)
    public String read() {
        return "[]";
    }

    /** Same form decoding as a survey submission, no work. */
    @POST
    @Operation(hidden = true)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public String submit(@FormParam("q.nps") String nps) {
        return "<p>" + (nps == null ? "" : "ok") + "</p>";
    }
}
