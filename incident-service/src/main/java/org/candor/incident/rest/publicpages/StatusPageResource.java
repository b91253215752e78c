package org.candor.incident.rest.publicpages;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.incident.config.IncidentConfig;
import org.candor.incident.service.publicstatus.PublicIncident;
import org.candor.incident.service.publicstatus.PublicStatusService;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The public status page, its Atom feed and its JSON API. No account needed; nothing internal shown. */
@Path("/status")
@Tag(name = "Public status")
public class StatusPageResource {

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance page(String lang, String otherLang, List<PageIncident> active,
                List<PageIncident> recent, IncidentConfig.Support support, String hotlineTel);

        static native TemplateInstance feed(String lang, String baseUrl, String updated, List<PageIncident> incidents);
    }

    private final PublicStatusService status;
    private final IncidentConfig config;

    StatusPageResource(PublicStatusService status, IncidentConfig config) {
        this.status = status;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        List<PageIncident> incidents = status.incidents(chosen).stream()
                .map(incident -> PageIncident.of(incident, chosen)).toList();
        TemplateInstance page = Templates.page(chosen, PageLanguage.other(chosen),
                incidents.stream().filter(PageIncident::active).toList(),
                incidents.stream().filter(incident -> !incident.active()).toList(), config.support(),
                config.support().hotline().replaceAll("[^+0-9]", ""));
        page.setLocale(Locale.forLanguageTag(chosen));
        return cached(Response.ok(page).header(HttpHeaders.CONTENT_LANGUAGE, chosen).header("Vary", "Accept-Language"));
    }

    @GET
    @Path("/feed.atom")
    @Produces("application/atom+xml")
    public Response feed(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        List<PublicIncident> incidents = status.incidents(chosen);
        String updated = incidents.stream().map(PublicIncident::lastUpdatedAt).max(java.util.Comparator.naturalOrder())
                .map(Object::toString).orElse("1970-01-01T00:00:00Z");
        TemplateInstance feed = Templates.feed(chosen, config.publicBaseUrl(), updated,
                incidents.stream().map(incident -> PageIncident.of(incident, chosen)).toList());
        feed.setLocale(Locale.forLanguageTag(chosen));
        // Rendered here: the template writer would label an .xml template application/xml.
        return cached(Response.ok(feed.render()).type("application/atom+xml; charset=UTF-8"));
    }

    @GET
    @Path("/api/incidents")
    @Produces(MediaType.APPLICATION_JSON)
    public Response incidents(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        return cached(Response.ok(status.incidents(chosen)).header(HttpHeaders.CONTENT_LANGUAGE, chosen));
    }

    private static Response cached(Response.ResponseBuilder response) {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(30);
        return response.cacheControl(cache).build();
    }
}
