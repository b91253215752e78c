package org.candor.compliance.rest;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;

import org.candor.compliance.config.ComplianceConfig;
import org.candor.compliance.service.AuditLog;
import org.candor.compliance.service.FeedLinks;
import org.candor.compliance.service.KnownIncidentService;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Signed, expiring links to the iCalendar feeds of deadlines ({@link CalendarResource}), for compliance officers. */
@Path("/api/calendar-links")
@Tag(name = "Calendar")
public class CalendarLinkResource {

    private final FeedLinks links;
    private final KnownIncidentService incidents;
    private final AuditLog audit;
    private final JsonWebToken caller;
    private final Optional<URI> publicBaseUrl;

    CalendarLinkResource(FeedLinks links, KnownIncidentService incidents, AuditLog audit,
            JsonWebToken caller, ComplianceConfig config) {
        this.publicBaseUrl = config.calendar().publicBaseUrl();
        this.links = links;
        this.incidents = incidents;
        this.audit = audit;
        this.caller = caller;
    }

    /** A link to subscribe to. */
    public record FeedLinkView(String url, Instant expiresAt) {
    }

    /** A signed link to one incident's deadline feed; 404 for an unknown incident. */
    @POST
    @Path("/incidents/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    public FeedLinkView incidentLink(@PathParam("id") UUID incidentId, @Context UriInfo uri) {
        if (incidents.find(incidentId).isEmpty()) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No incident " + incidentId));
        }
        return issue("incident:" + incidentId, uri);
    }

    /** A signed link to the feed of every open obligation's deadline. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.COMPLIANCE_OFFICER)
    public FeedLinkView allLink(@Context UriInfo uri) {
        return issue("all", uri);
    }

    private FeedLinkView issue(String subject, UriInfo uri) {
        if (!links.enabled()) {
            throw new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                    "Calendar feeds are not configured: set candor.compliance.calendar.link-secret"));
        }
        FeedLinks.Link link = links.sign(subject, Instant.now());
        String actor = caller.getSubject() != null ? caller.getSubject() : caller.getName();
        QuarkusTransaction.requiringNew().run(() -> audit.append(actor, "calendar.link-issued", "calendar/" + subject,
                Map.of("expiresAt", link.expiresAt())));
        UriBuilder base = publicBaseUrl.map(UriBuilder::fromUri).orElseGet(uri::getBaseUriBuilder);
        return new FeedLinkView(base.path(CalendarResource.class).path(link.token() + ".ics").build().toString(),
                link.expiresAt());
    }
}
