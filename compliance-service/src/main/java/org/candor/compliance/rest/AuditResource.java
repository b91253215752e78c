package org.candor.compliance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.candor.compliance.service.AuditVerifier;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Checks that nobody altered the audit log. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
public class AuditResource {

    private final AuditVerifier verifier;

    AuditResource(AuditVerifier verifier) {
        this.verifier = verifier;
    }

    /** Recomputes the hash chain and reports the first broken link. */
    @GET
    @Path("/verify")
    public AuditVerifier.Verification verify() {
        return verifier.verify();
    }
}
