package org.candor.notification.rest;

import java.net.URI;
import java.time.Clock;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.notification.service.MessageCatalog;
import org.candor.notification.service.ShortLinks;
import org.candor.platform.ratelimit.ClientRateLimiter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Engine;
import io.vertx.core.http.HttpServerRequest;

/**
 * The public redirect behind the short links in SMS: {@code GET /s/{code}} answers 303 with the page
 * the code stands for (only ever one of Candor's own pages), 410 for an expired code and 404 for any
 * other. The redirect changes nothing; the page it leads to asks before it acts.
 */
@Path("/s/{code}")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Public short links")
@PermitAll
public class ShortLinkRedirect {

    private static final int REQUESTS_PER_MINUTE = 30;

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", Map.of("expired.title", "This link has expired",
                    "expired.text", "Please use the link in a more recent message, or contact our support team.",
                    "unknown.title", "This link is not valid",
                    "unknown.text", "Please use the link exactly as it came in your message.",
                    "busy.title", "Too many requests", "busy.text", "Please try again in a minute."),
            "de", Map.of("expired.title", "Dieser Link ist abgelaufen",
                    "expired.text", "Bitte verwenden Sie den Link in einer neueren Nachricht oder wenden Sie sich an unseren Support.",
                    "unknown.title", "Dieser Link ist ungültig",
                    "unknown.text", "Bitte verwenden Sie den Link genau so, wie er in Ihrer Nachricht stand.",
                    "busy.title", "Zu viele Anfragen", "busy.text", "Bitte versuchen Sie es in einer Minute erneut."));

    private final ShortLinks links;
    private final Engine engine;
    private final ClientRateLimiter limiter;

    ShortLinkRedirect(ShortLinks links, Engine engine, Clock clock) {
        this.links = links;
        this.engine = engine;
        this.limiter = new ClientRateLimiter(REQUESTS_PER_MINUTE, clock);
    }

    /** Forgets clients that have been quiet long enough, so the limiter does not grow without bound. */
    @io.quarkus.scheduler.Scheduled(every = "1m")
    void forgetIdleClients() {
        limiter.forgetIdleClients();
    }

    @GET
    public Response resolve(@PathParam("code") String code, @HeaderParam("Accept-Language") String acceptLanguage,
            @Context HttpServerRequest request) {
        String language = MessageCatalog.language(acceptLanguage == null ? null : acceptLanguage.split("[,;]")[0].strip());
        if (!limiter.allow(request.remoteAddress().hostAddress())) {
            return page(429, language, "busy");
        }
        ShortLinks.Resolved resolved = links.resolve(code);
        return switch (resolved.status()) {
            case FOUND -> Response.seeOther(URI.create(resolved.target())).header("Referrer-Policy", "no-referrer")
                    .header("Cache-Control", "no-store").header("X-Robots-Tag", "noindex").build();
            case EXPIRED -> page(410, language, "expired");
            case UNKNOWN -> page(404, language, "unknown");
        };
    }

    private Response page(int status, String language, String what) {
        Map<String, String> words = WORDS.get(language);
        OptOutPage.Page page = new OptOutPage.Page(language, words.get(what + ".title"), words.get(what + ".text"), null,
                null);
        String html = engine.getTemplate("optout/page.html").data("page", page).render();
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }
}
