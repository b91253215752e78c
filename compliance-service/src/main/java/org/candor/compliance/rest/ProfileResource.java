package org.candor.compliance.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.candor.compliance.service.ProfileService;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The organisation profile. */
@Path("/api/profile")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Profile")
@RolesAllowed(Roles.COMPLIANCE_OFFICER)
public class ProfileResource {

    private final ProfileService profiles;

    ProfileResource(ProfileService profiles) {
        this.profiles = profiles;
    }

    @GET
    public ProfileView get() {
        return profiles.current().map(ProfileView::of).orElseThrow(() -> new ProblemException(
                Problem.of(Response.Status.NOT_FOUND, "No profile yet; PUT /api/profile first")));
    }

    /** Replaces the profile; every incident's obligations are recomputed with it. */
    @PUT
    public ProfileView put(ProfileRequest request, @Context SecurityContext security) {
        return ProfileView.of(profiles.replace(request, security.getUserPrincipal().getName()));
    }
}
