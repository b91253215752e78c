package org.candor.incident.rest.publicpages;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.incident.config.IncidentConfig;
import org.candor.incident.service.publicstatus.OrganisationContacts;
import org.candor.platform.http.SecurityHeaders;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

/**
 * The public status page, its Atom feed and its JSON API. No account needed; nothing internal shown.
 * Served from {@link StatusPageCache} with an entity tag, so that a reader who has the current copy gets
 * 304, and with {@code Cache-Control} that lets a CDN carry a surge (and serve its copy if this service fails).
 */
@Path("/status")
@Tag(name = "Public status")
public class StatusPageResource {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance page(String lang, String otherLang, List<PageIncident> active,
                List<PageIncident> recent, IncidentConfig.Support support, OrganisationContacts.Contact contact,
                String checkUrl);

        static native TemplateInstance feed(String lang, String baseUrl, String updated, List<PageIncident> incidents);
    }

    private final StatusPageCache cache;
    private final String cacheControl;
    private final String pagePolicy;

    StatusPageResource(StatusPageCache cache, IncidentConfig config, SecurityHeaders securityHeaders) {
        this.cache = cache;
        // The "Is this message from us?" form goes to notification-service, on its own host in a local run.
        this.pagePolicy = SecurityHeaders.allowingFormsTo(securityHeaders.policyFor("/status"), config.messageCheckUrl());
        IncidentConfig.StatusPage caching = config.statusPage();
        this.cacheControl = "public, max-age=" + caching.browserMaxAge() + ", s-maxage=" + caching.sharedMaxAge()
                + ", stale-while-revalidate=" + caching.staleWhileRevalidate() + ", stale-if-error=" + caching.staleIfError();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Uni<Response> page(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context HttpHeaders headers) {
        return serve(StatusPageCache.Kind.PAGE, lang, ifNoneMatch, headers);
    }

    @GET
    @Path("/feed.atom")
    @Produces("application/atom+xml")
    public Uni<Response> feed(@QueryParam("lang") String lang, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            @Context HttpHeaders headers) {
        return serve(StatusPageCache.Kind.FEED, lang, ifNoneMatch, headers);
    }

    @GET
    @Path("/api/incidents")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> incidents(@QueryParam("lang") String lang,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, @Context HttpHeaders headers) {
        return serve(StatusPageCache.Kind.JSON, lang, ifNoneMatch, headers);
    }

    private Uni<Response> serve(StatusPageCache.Kind kind, String lang, String ifNoneMatch, HttpHeaders headers) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        return cache.get(chosen, kind).map(rendered -> {
            Response.ResponseBuilder response = matches(ifNoneMatch, rendered.etag())
                    ? Response.notModified()
                    : Response.ok(rendered.body(), rendered.contentType());
            if (kind == StatusPageCache.Kind.PAGE && pagePolicy != null) {
                response.header("Content-Security-Policy", pagePolicy);
            }
            return response.header(HttpHeaders.ETAG, rendered.etag()).header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header(HttpHeaders.CONTENT_LANGUAGE, chosen).header(HttpHeaders.VARY, "Accept-Language").build();
        });
    }

    /** RFC 9110 weak comparison: {@code If-None-Match} names the current tag (with or without {@code W/}) or is {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
