package org.candor.compliance.rest;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.candor.compliance.service.CalendarFeedService;
import org.candor.compliance.service.FeedLinks;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * iCalendar feeds of deadlines behind the links {@link CalendarLinkResource} signs: a calendar application cannot
 * send a bearer token, so the signed, expiring link is the credential.
 */
@Path("/calendar")
@Tag(name = "Calendar")
public class CalendarResource {

    public static final String TEXT_CALENDAR = "text/calendar;charset=UTF-8";

    private final FeedLinks links;
    private final CalendarFeedService feeds;

    CalendarResource(FeedLinks links, CalendarFeedService feeds) {
        this.links = links;
        this.feeds = feeds;
    }

    /** The feed a link opens: one VEVENT per open deadline; 403 problem for a link that is forged or expired. */
    @GET
    @Path("/{token}.ics")
    @Produces(TEXT_CALENDAR)
    @PermitAll
    public Response feed(@PathParam("token") String token) {
        Instant now = Instant.now();
        String subject = links.verify(token, now).orElseThrow(() -> new ProblemException(Problem.of(
                Response.Status.FORBIDDEN, "This calendar link is not valid or has expired; ask for a new one")));
        String body = "all".equals(subject) ? feeds.all(now)
                : feeds.incident(UUID.fromString(subject.substring("incident:".length())), now);
        return Response.ok(body, TEXT_CALENDAR).header("Cache-Control", "private, no-store").build();
    }
}
