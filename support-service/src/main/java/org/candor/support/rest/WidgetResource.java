package org.candor.support.rest;

import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Template;

/**
 * The chat page the widget opens, in the customer's language: {@code lang} if given and offered,
 * otherwise the first offered language of Accept-Language, otherwise English. Its scripts and the
 * embed script are static files next to it.
 */
@Path("/widget")
@Tag(name = "Chat widget")
public class WidgetResource {

    /** The languages the widget speaks; the first is the fallback. */
    static final List<String> LANGUAGES = List.of("en", "de");

    private final Template widgetPage;

    WidgetResource(Template widgetPage) {
        this.widgetPage = widgetPage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The chat page (also reached by verification links)")
    public Response page(@QueryParam("lang") String lang, HttpHeaders headers) {
        return render(lang, headers);
    }

    @GET
    @Path("/index.html")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The chat page the widget opens in its frame")
    public Response index(@QueryParam("lang") String lang, HttpHeaders headers) {
        return render(lang, headers);
    }

    private Response render(String lang, HttpHeaders headers) {
        String language = language(lang, headers.getAcceptableLanguages());
        String html = widgetPage.instance().data("lang", language).setLocale(Locale.forLanguageTag(language)).render();
        // The page differs by language: caches must key on the header it was chosen by.
        return Response.ok(html).header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, "Accept-Language")
                .build();
    }

    static String language(String lang, List<Locale> acceptable) {
        String requested = offered(lang);
        if (requested != null) {
            return requested;
        }
        // JAX-RS sorts Accept-Language by quality; "*" comes as a wildcard locale and matches nothing here.
        return acceptable.stream().map(Locale::getLanguage).map(WidgetResource::offered)
                .filter(java.util.Objects::nonNull).findFirst().orElse(LANGUAGES.get(0));
    }

    private static String offered(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String language = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        return LANGUAGES.contains(language) ? language : null;
    }
}
