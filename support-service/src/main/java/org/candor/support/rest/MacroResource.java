package org.candor.support.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.platform.security.Roles;
import org.candor.support.domain.Macro;
import org.candor.support.domain.SupportProblem;
import org.candor.support.service.MacroService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;

/** Macros (the incident's FAQ per locale) and problems whose tickets are answered in bulk. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Macros and problems")
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class MacroResource {

    public record SaveMacro(UUID incidentId, @NotBlank @Pattern(regexp = "[a-z0-9-]{1,100}") String key,
            @NotBlank @Pattern(regexp = "[a-z]{2,3}(-[A-Za-z0-9]{2,8})*") String locale,
            @NotBlank @Size(max = 200) String title, @NotBlank @Size(max = 10000) String body) {
    }

    public record MacroView(UUID id, UUID incidentId, String key, String locale, String title, String body,
            String updatedBy, Instant updatedAt) {

        static MacroView of(Macro macro) {
            return new MacroView(macro.id, macro.incidentId, macro.key, macro.locale, macro.title, macro.body,
                    macro.updatedBy, macro.updatedAt);
        }
    }

    public record CreateProblem(@NotNull UUID incidentId, @NotBlank @Size(max = 200) String title) {
    }

    public record ProblemView(UUID id, UUID incidentId, String title, Instant createdAt) {

        static ProblemView of(SupportProblem problem) {
            return new ProblemView(problem.id, problem.incidentId, problem.title, problem.createdAt);
        }
    }

    /** The macro {@code macroKey} goes to each linked open ticket in its locale; resolve=true also resolves them. */
    public record Bulk(@NotBlank String macroKey, boolean resolve) {
    }

    private final MacroService macros;
    private final SecurityIdentity identity;

    MacroResource(MacroService macros, SecurityIdentity identity) {
        this.macros = macros;
        this.identity = identity;
    }

    @GET
    @Path("/macros")
    @Operation(summary = "Macros of an incident (and general ones), optionally in one locale")
    public List<MacroView> macros(@QueryParam("incidentId") String incidentId, @QueryParam("locale") String locale) {
        return macros.find(Params.uuid(incidentId, "incidentId"), locale == null || locale.isBlank() ? null : locale)
                .stream().map(MacroView::of).toList();
    }

    @GET
    @Path("/macros/{id}")
    public MacroView macro(@PathParam("id") UUID id) {
        return MacroView.of(macros.get(id));
    }

    @POST
    @Path("/macros")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public Response create(@Valid @NotNull SaveMacro request) {
        Macro macro = macros.save(null, request.incidentId(), request.key(), request.locale(), request.title(),
                request.body(), actor());
        return Response.created(URI.create("/api/macros/" + macro.id)).entity(MacroView.of(macro)).build();
    }

    @PUT
    @Path("/macros/{id}")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public MacroView update(@PathParam("id") UUID id, @Valid @NotNull SaveMacro request) {
        return MacroView.of(macros.save(id, request.incidentId(), request.key(), request.locale(), request.title(),
                request.body(), actor()));
    }

    @DELETE
    @Path("/macros/{id}")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public Response delete(@PathParam("id") UUID id) {
        macros.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Path("/problems")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public Response createProblem(@Valid @NotNull CreateProblem request) {
        SupportProblem problem = macros.createProblem(request.incidentId(), request.title());
        return Response.created(URI.create("/api/problems/" + problem.id)).entity(ProblemView.of(problem)).build();
    }

    @PUT
    @Path("/problems/{id}/tickets/{ticketId}")
    @Operation(summary = "Link a ticket to the problem")
    public Response link(@PathParam("id") UUID id, @PathParam("ticketId") UUID ticketId) {
        macros.link(id, ticketId, actor());
        return Response.noContent().build();
    }

    @POST
    @Path("/problems/{id}/bulk")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(summary = "Reply to (and optionally resolve) every open ticket of the problem with a macro")
    public MacroService.BulkResult bulk(@PathParam("id") UUID id, @Valid @NotNull Bulk request) {
        return macros.bulk(id, request.macroKey(), request.resolve(), actor());
    }

    private String actor() {
        return identity.getPrincipal().getName();
    }
}
