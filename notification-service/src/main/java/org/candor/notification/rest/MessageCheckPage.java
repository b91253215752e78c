package org.candor.notification.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.notification.domain.Channel;
import org.candor.notification.service.DeliveryStore;
import org.candor.notification.service.MessageCatalog;
import org.candor.notification.service.MessageReferences;
import org.candor.notification.service.TemplateRenderer;
import org.candor.platform.ratelimit.SharedRateLimiter;
import org.candor.platform.ratelimit.TooManyRequests;
import org.candor.platform.rest.Problem;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Engine;
import io.quarkus.qute.TemplateData;
import io.vertx.core.http.HttpServerRequest;

/**
 * "Is this message from us?": a visitor enters the reference an email carries ({@code CND-XXXXX-XXXXX})
 * and learns the channel, the day and the subject it was sent with, nothing about the person. The
 * status page's form leads here. A reference that is not of the form is 400; one that is well formed
 * but was never sent gets the same answer whether it was mistyped or made up, so the answers cannot be
 * used to learn anything but "this one is ours". Rate-limited per client address (10 a minute, for all
 * replicas together), in German or English.
 */
@Path("/check")
@Tag(name = "Public message check")
@PermitAll
public class MessageCheckPage {

    /** The JSON answer: only what the message showed its reader anyway. */
    public record CheckView(String reference, Channel channel, String sentOn, String subject) {
    }

    @TemplateData
    public record Page(String lang, String title, String text, boolean found, String channelLabel, String channel,
            String dateLabel, String date, String subjectLabel, String subject, String never, String label, String button) {
    }

    private static final int REQUESTS_PER_MINUTE = 10;

    private static final Map<String, Map<String, String>> WORDS = Map.of(
            "en", Map.ofEntries(
                    Map.entry("ask.title", "Is this message from us?"),
                    Map.entry("ask.text", "Every email we send ends with a reference such as CND-7F3KQ-9XM2T. Enter it here to check that the message is really from us."),
                    Map.entry("found.title", "Yes, this message is from us"),
                    Map.entry("found.text", "We sent a message with this reference:"),
                    Map.entry("unknown.title", "We did not send a message with this reference"),
                    Map.entry("unknown.text", "Please check that you typed it exactly. If it is right, the message is not from us: do not click its links, do not answer it, and delete it."),
                    Map.entry("malformed.title", "This is not a reference of ours"),
                    Map.entry("malformed.text", "Our references look like CND-7F3KQ-9XM2T: CND, then twice five letters or digits."),
                    Map.entry("busy.title", "Too many requests"),
                    Map.entry("busy.text", "Please try again in a minute."),
                    Map.entry("channel", "Sent by"), Map.entry("date", "Sent on (UTC)"), Map.entry("subject", "Subject"),
                    Map.entry("EMAIL", "email"), Map.entry("SMS", "text message"),
                    Map.entry("never", "We will never ask you for a password, a PIN or payment details, not by email, text message or phone."),
                    Map.entry("label", "Reference"), Map.entry("button", "Check")),
            "de", Map.ofEntries(
                    Map.entry("ask.title", "Ist diese Nachricht von uns?"),
                    Map.entry("ask.text", "Jede E-Mail von uns endet mit einer Kennung wie CND-7F3KQ-9XM2T. Geben Sie sie hier ein, um zu prüfen, ob die Nachricht wirklich von uns ist."),
                    Map.entry("found.title", "Ja, diese Nachricht ist von uns"),
                    Map.entry("found.text", "Wir haben eine Nachricht mit dieser Kennung gesendet:"),
                    Map.entry("unknown.title", "Wir haben keine Nachricht mit dieser Kennung gesendet"),
                    Map.entry("unknown.text", "Bitte prüfen Sie, ob Sie die Kennung genau abgeschrieben haben. Wenn ja, ist die Nachricht nicht von uns: Klicken Sie keine Links an, antworten Sie nicht und löschen Sie sie."),
                    Map.entry("malformed.title", "Das ist keine Kennung von uns"),
                    Map.entry("malformed.text", "Unsere Kennungen sehen so aus: CND-7F3KQ-9XM2T, also CND und zweimal fünf Buchstaben oder Ziffern."),
                    Map.entry("busy.title", "Zu viele Anfragen"),
                    Map.entry("busy.text", "Bitte versuchen Sie es in einer Minute erneut."),
                    Map.entry("channel", "Gesendet per"), Map.entry("date", "Gesendet am (UTC)"), Map.entry("subject", "Betreff"),
                    Map.entry("EMAIL", "E-Mail"), Map.entry("SMS", "SMS"),
                    Map.entry("never", "Wir fragen Sie nie nach Passwort, PIN oder Zahlungsdaten, weder per E-Mail noch per SMS oder Telefon."),
                    Map.entry("label", "Kennung"), Map.entry("button", "Prüfen")));

    private final DeliveryStore store;
    private final TemplateRenderer renderer;
    private final Engine engine;
    private final SharedRateLimiter limiter;

    MessageCheckPage(DeliveryStore store, TemplateRenderer renderer, Engine engine, DataSource dataSource, Clock clock) {
        this.store = store;
        this.renderer = renderer;
        this.engine = engine;
        this.limiter = new SharedRateLimiter("message-check", REQUESTS_PER_MINUTE, Duration.ofMinutes(1), dataSource, clock);
    }

    @io.quarkus.scheduler.Scheduled(every = "1m")
    void forgetIdleClients() {
        limiter.removeExpired(1000);
    }

    /** What a reference stands for, for a script: 200, 400 problem naming {@code ref}, 404 problem, 429. */
    @GET
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    public Response json(@QueryParam("ref") String ref, @Context HttpServerRequest request, @Context HttpHeaders headers) {
        Response busy = overLimit(request, headers, "en");
        if (busy != null) {
            return busy;
        }
        Optional<String> reference = MessageReferences.normalise(ref);
        if (reference.isEmpty()) {
            return problem(Problem.invalid("Not a message reference", List.of(Problem.FieldError.field("ref",
                    "a reference looks like CND-7F3KQ-9XM2T"))));
        }
        return lookUp(reference.get()).map(view -> Response.ok(view, MediaType.APPLICATION_JSON_TYPE).build())
                .orElseGet(() -> problem(Problem.of(Response.Status.NOT_FOUND, "No message was sent with this reference")));
    }

    /** The page the status page's form leads to. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@QueryParam("ref") String ref, @QueryParam("lang") String lang, @Context HttpServerRequest request,
            @Context HttpHeaders headers) {
        String language = MessageCatalog.language(lang);
        if (ref == null || ref.isBlank()) {
            return page(200, language, "ask", null);
        }
        Response busy = overLimit(request, headers, language);
        if (busy != null) {
            return busy;
        }
        Optional<String> reference = MessageReferences.normalise(ref);
        if (reference.isEmpty()) {
            return page(400, language, "malformed", null);
        }
        Optional<CheckView> found = lookUp(reference.get());
        return found.isPresent() ? page(200, language, "found", found.get()) : page(404, language, "unknown", null);
    }

    private Optional<CheckView> lookUp(String reference) {
        return store.referenced(reference).map(referenced -> new CheckView(reference, referenced.channel(),
                DateTimeFormatter.ISO_LOCAL_DATE.format(referenced.sentAt().atZone(ZoneOffset.UTC)),
                renderer.email(referenced.message().type(), referenced.locale(), referenced.message().content(), null,
                        referenced.message().incidentId()).subject()));
    }

    private Response overLimit(HttpServerRequest request, HttpHeaders headers, String language) {
        String client = request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
        SharedRateLimiter.Decision decision = limiter.tryAcquire(client == null ? request.remoteAddress().host() : client);
        return decision.allowed() ? null
                : TooManyRequests.problemOrPage(decision.retryAfter(), headers, page(429, language, "busy", null).getEntity());
    }

    private static Response problem(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private Response page(int status, String language, String state, CheckView found) {
        Map<String, String> words = WORDS.get(language);
        Page page = new Page(language, words.get(state + ".title"), words.get(state + ".text"), found != null,
                words.get("channel"), found == null ? null : words.get(found.channel().name()), words.get("date"),
                found == null ? null : found.sentOn(), words.get("subject"), found == null ? null : found.subject(),
                words.get("never"), words.get("label"), words.get("button"));
        String html = engine.getTemplate("check/page.html").data("page", page).render();
        return Response.status(status).entity(html).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header("Referrer-Policy", "no-referrer").header("Cache-Control", "no-store").build();
    }
}
