package org.candor.compliance.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.candor.compliance.config.AuditSigningKey;
import org.candor.compliance.service.AuditCheckpoints;
import org.candor.compliance.service.AuditVerifier;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Checks that nobody altered the audit log, and hands out what an outsider needs to check it too. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
@RolesAllowed({Roles.COMPLIANCE_OFFICER, Roles.ANALYST})
public class AuditResource {

    static final String PEM = "application/x-pem-file";

    private final AuditVerifier verifier;
    private final AuditCheckpoints checkpoints;
    private final AuditSigningKey key;

    AuditResource(AuditVerifier verifier, AuditCheckpoints checkpoints, AuditSigningKey key) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    /** Recomputes the hash chain, holds it against its signed checkpoints and reports what is broken. */
    @GET
    @Path("/verify")
    public AuditVerifier.Verification verify() {
        return verifier.verify();
    }

    /** The signed checkpoints, newest first, each with the statement it signs and whether it verifies. */
    @GET
    @Path("/checkpoints")
    public List<AuditCheckpoints.Signed> checkpoints(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return checkpoints.list(limit);
    }

    /** The public key checkpoints are verified with, as PEM ({@code openssl pkeyutl -verify -pubin -inkey}). */
    @GET
    @Path("/public-key")
    @Produces(PEM)
    public String publicKey() {
        return key.publicKeyPem();
    }
}
