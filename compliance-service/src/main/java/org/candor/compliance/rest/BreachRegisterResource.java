package org.candor.compliance.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.compliance.service.BreachRegisterService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The breach register (GDPR Art. 33(5)) as JSON, or as CSV from {@code /api/register.csv} or with
 * {@code Accept: text/csv}. It holds no personal data, so analysts may read it too.
 */
@Path("/api")
@Tag(name = "Breach register")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
public class BreachRegisterResource {

    static final String CSV = "text/csv;charset=UTF-8";

    private final BreachRegisterService register;

    BreachRegisterResource(BreachRegisterService register) {
        this.register = register;
    }

    @GET
    @Path("/register")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RegisterEntryView> entries() {
        return register.entries();
    }

    @GET
    @Path("/register")
    @Produces(CSV)
    public Response csvByContentType() {
        return csv();
    }

    @GET
    @Path("/register.csv")
    @Produces(CSV)
    public Response csv() {
        return Response.ok(BreachRegisterCsv.write(register.entries()), CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"breach-register.csv\"").build();
    }
}
