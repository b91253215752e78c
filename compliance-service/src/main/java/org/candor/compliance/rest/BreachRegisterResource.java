package org.candor.compliance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.compliance.service.AuditCheckpoints;
import org.candor.compliance.service.BreachRegisterService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The breach register (GDPR Art. 33(5)) as JSON, or as CSV from {@code /api/register.csv} or with
 * {@code Accept: text/csv} (only when asked: the default {@code Accept} gets JSON). It holds no personal data, so analysts may read it too.
 */
@Path("/api")
@Tag(name = "Breach register")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
public class BreachRegisterResource {

    static final String CSV = "text/csv;charset=UTF-8";

    private final BreachRegisterService register;
    private final AuditCheckpoints checkpoints;

    BreachRegisterResource(BreachRegisterService register, AuditCheckpoints checkpoints) {
        this.register = register;
        this.checkpoints = checkpoints;
    }

    /** JSON unless the client names CSV before (or instead of) JSON: {@code Accept: * / *} is JSON, not a download. */
    @GET
    @Path("/register")
    @Produces({MediaType.APPLICATION_JSON, CSV})
    public Response entries(@Context HttpHeaders headers) {
        for (MediaType acceptable : headers.getAcceptableMediaTypes()) {
            if (acceptable.isWildcardType() || acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                break;
            }
            if (acceptable.isCompatible(MediaType.valueOf("text/csv"))) {
                return csv();
            }
        }
        return Response.ok(register.entries(), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/register.csv")
    @Produces(CSV)
    public Response csv() {
        return Response.ok(BreachRegisterCsv.write(register.entries(), checkpoints.latest()), CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"breach-register.csv\"").build();
    }
}
