package org.candor.notification.rest;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.notification.domain.Channel;
import org.candor.notification.service.MessageCatalog;
import org.candor.notification.service.OptOutLinks;
import org.candor.notification.service.RecipientService;
import org.candor.platform.ratelimit.SharedRateLimiter;
import org.candor.platform.ratelimit.TooManyRequests;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateData;
import io.vertx.core.http.HttpServerRequest;

/**
 * The public opt-out page behind the link in every non-mandatory message, in German or English. The
 * link only shows a question; the opt-out happens on the POST of its button, so a mail scanner that
 * follows links opts nobody out. A tampered or expired link gets a page that says so.
 */
@Path("/opt-out/{token}")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Public opt-out page")
@PermitAll
public class OptOutPage {

    /** What the page shows; {@code button} only when there is something to confirm. */
    @TemplateData
    public record Page(String lang, String title, String text, String button, String action) {
    }

    private static final int REQUESTS_PER_MINUTE = 30;

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", words(
                    "confirm.title", "Stop messages like this one?",
                    "confirm.EMAIL", "You will no longer receive routine updates, surveys and similar messages by email. "
                            + "Messages the law requires us to send you, such as a notice about a data breach, still reach you.",
                    "confirm.SMS", "You will no longer receive routine updates, surveys and similar messages by text message. "
                            + "Messages the law requires us to send you, such as a notice about a data breach, still reach you.",
                    "button", "Yes, stop them",
                    "done.title", "Done",
                    "done.EMAIL", "You will no longer receive routine updates and surveys by email.",
                    "done.SMS", "You will no longer receive routine updates and surveys by text message.",
                    "invalid.title", "This link is not valid",
                    "invalid.text", "The link is incomplete or has been changed. Please use the link exactly as it came in your message.",
                    "expired.title", "This link has expired",
                    "expired.text", "Please use the link in a more recent message, or contact our support team.",
                    "unknown.title", "Nothing to stop",
                    "unknown.text", "We no longer hold contact details for you, so you will not receive these messages.",
                    "busy.title", "Too many requests",
                    "busy.text", "Please try again in a minute."),
            "de", words(
                    "confirm.title", "Nachrichten wie diese abbestellen?",
                    "confirm.EMAIL", "Sie erhalten dann keine laufenden Updates, Umfragen und ähnliche Nachrichten mehr per E-Mail. "
                            + "Mitteilungen, die wir Ihnen gesetzlich schulden, etwa zu einer Datenschutzverletzung, erhalten Sie weiterhin.",
                    "confirm.SMS", "Sie erhalten dann keine laufenden Updates, Umfragen und ähnliche Nachrichten mehr per SMS. "
                            + "Mitteilungen, die wir Ihnen gesetzlich schulden, etwa zu einer Datenschutzverletzung, erhalten Sie weiterhin.",
                    "button", "Ja, abbestellen",
                    "done.title", "Erledigt",
                    "done.EMAIL", "Sie erhalten keine laufenden Updates und Umfragen mehr per E-Mail.",
                    "done.SMS", "Sie erhalten keine laufenden Updates und Umfragen mehr per SMS.",
                    "invalid.title", "Dieser Link ist ungültig",
                    "invalid.text", "Der Link ist unvollständig oder wurde verändert. Bitte verwenden Sie ihn genau so, wie er in Ihrer Nachricht stand.",
                    "expired.title", "Dieser Link ist abgelaufen",
                    "expired.text", "Bitte verwenden Sie den Link in einer neueren Nachricht oder wenden Sie sich an unseren Support.",
                    "unknown.title", "Nichts abzubestellen",
                    "unknown.text", "Wir speichern keine Kontaktdaten mehr von Ihnen; Sie erhalten diese Nachrichten nicht.",
                    "busy.title", "Zu viele Anfragen",
                    "busy.text", "Bitte versuchen Sie es in einer Minute erneut."));

    private static Map<String, String> words(String... keysAndTexts) {
        Map<String, String> words = new java.util.HashMap<>();
        for (int i = 0; i < keysAndTexts.length; i += 2) {
            words.put(keysAndTexts[i], keysAndTexts[i + 1]);
        }
        return Map.copyOf(words);
    }

    private final OptOutLinks links;
    private final RecipientService recipients;
    private final Engine engine;
    private final SharedRateLimiter limiter;

    OptOutPage(OptOutLinks links, RecipientService recipients, Engine engine, DataSource dataSource, Clock clock) {
        this.links = links;
        this.recipients = recipients;
        this.engine = engine;
        // Per real client address (the trusted proxy's X-Forwarded-For), one budget for all replicas.
        this.limiter = new SharedRateLimiter("opt-out", REQUESTS_PER_MINUTE, Duration.ofMinutes(1), dataSource, clock);
    }

    /** Forgets clients that have been quiet long enough, so the limiter does not grow without bound. */
    @io.quarkus.scheduler.Scheduled(every = "1m")
    void forgetIdleClients() {
        limiter.removeExpired(1000);
    }

    @GET
    public Response ask(@PathParam("token") String token, @QueryParam("lang") String lang,
            @Context HttpServerRequest request, @Context HttpHeaders headers) {
        String language = MessageCatalog.language(lang);
        Response busy = overLimit(request, headers, language);
        if (busy != null) {
            return busy;
        }
        Optional<OptOutLinks.OptOut> optOut = links.verify(token);
        if (optOut.isEmpty()) {
            return refused(token, language);
        }
        return page(200, language, "confirm", "confirm." + optOut.get().channel(), "button",
                "/opt-out/" + token + "?lang=" + language);
    }

    /**
     * The page's button, and the one-click unsubscribe of RFC 8058: a mailbox provider POSTs
     * {@code List-Unsubscribe=One-Click} to the {@code List-Unsubscribe} link without showing any page,
     * from a few servers on behalf of many people. So a genuine link is honoured whatever the caller's
     * budget (it can only opt out the one person it names, which is what it is for); a link that does
     * not verify counts against the caller's limit like every request to the page.
     */
    @POST
    public Response confirm(@PathParam("token") String token, @QueryParam("lang") String lang,
            @Context HttpServerRequest request, @Context HttpHeaders headers) {
        String language = MessageCatalog.language(lang);
        Optional<OptOutLinks.OptOut> optOut = links.verify(token);
        if (optOut.isEmpty()) {
            Response busy = overLimit(request, headers, language);
            return busy != null ? busy : refused(token, language);
        }
        Channel channel = optOut.get().channel();
        return recipients.optOut(optOut.get().recipientId(), channel).isPresent()
                ? page(200, language, "done", "done." + channel, null, null)
                : page(404, language, "unknown", "unknown.text", null, null);
    }

    /** 429 with Retry-After (the page for a browser, problem+json otherwise) when the client is over its limit. */
    private Response overLimit(HttpServerRequest request, HttpHeaders headers, String language) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        SharedRateLimiter.Decision decision = limiter.tryAcquire(client == null ? request.remoteAddress().host() : client);
        return decision.allowed() ? null
                : TooManyRequests.problemOrPage(decision.retryAfter(), headers,
                        page(429, language, "busy", "busy.text", null, null).getEntity());
    }

    private Response refused(String token, String language) {
        return links.expired(token) ? page(410, language, "expired", "expired.text", null, null)
                : page(400, language, "invalid", "invalid.text", null, null);
    }

    private Response page(int status, String language, String title, String text, String button, String action) {
        Map<String, String> words = WORDS.get(language);
        Page page = new Page(language, words.get(title + ".title"), words.get(text), button == null ? null : words.get(button),
                action);
        String html = engine.getTemplate("optout/page.html").data("page", page).render();
        // The token is in the address: no referrer may carry it elsewhere, and no cache may keep the page.
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }
}
