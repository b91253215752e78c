package org.candor.incident.rest.publicpages;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.incident.service.subscriptions.RateLimiter;
import org.candor.incident.service.subscriptions.SubscriptionService;
import org.candor.platform.ratelimit.SharedRateLimiter;
import org.candor.platform.ratelimit.TooManyRequests;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;

/**
 * Subscribing to public status updates, without an account: double opt-in by link or code, and
 * unsubscribing. A link from a message only shows a page with a button; only the button's POST confirms
 * or unsubscribes. Pages work without JavaScript; answers never reveal whether someone is subscribed.
 */
@Path("/status/subscriptions")
@Produces(MediaType.TEXT_HTML)
@Tag(name = "Public status")
public class SubscriptionResource {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    @CheckedTemplate
    static class Templates {

        static native TemplateInstance message(String lang, String text);

        static native TemplateInstance code(String lang, String phone, String text);

        static native TemplateInstance confirm(String lang, String token);

        static native TemplateInstance unsubscribe(String lang, String token);
    }

    private final SubscriptionService subscriptions;
    private final RateLimiter limiter;

    SubscriptionResource(SubscriptionService subscriptions, RateLimiter limiter) {
        this.subscriptions = subscriptions;
        this.limiter = limiter;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response subscribe(@FormParam("email") String email, @FormParam("phone") String phone,
            @FormParam("lang") String lang, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        StatusMessages msg = PageLanguage.messages(chosen);
        SharedRateLimiter.Decision allowed = limiter.allow(client(request));
        if (!allowed.allowed()) {
            return TooManyRequests.problemOrPage(allowed.retryAfter(), headers,
                    localized(Templates.message(chosen, msg.tooManyRequests()), chosen));
        }
        String cleanEmail = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        String cleanPhone = phone == null ? "" : phone.replaceAll("[\\s()/-]", "");
        if (!cleanEmail.isEmpty()) {
            if (cleanEmail.length() > 254 || !EMAIL.matcher(cleanEmail).matches()) {
                return page(400, Templates.message(chosen, msg.emailLabel() + ": ?"), chosen);
            }
            subscriptions.requestByEmail(cleanEmail, chosen);
            return page(202, Templates.message(chosen, msg.subscriptionRequested()), chosen);
        }
        if (!E164.matcher(cleanPhone).matches()) {
            return page(400, Templates.message(chosen, msg.phoneLabel() + ": ?"), chosen);
        }
        subscriptions.requestByPhone(cleanPhone, chosen);
        return page(202, Templates.code(chosen, cleanPhone, msg.subscriptionRequested()), chosen);
    }

    /** The link in the mail only asks: a mail scanner following it confirms nothing; the button's POST does. */
    @GET
    @Path("/confirm")
    public Response askToConfirm(@QueryParam("token") String token, @QueryParam("lang") String lang,
            @Context HttpHeaders headers) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        StatusMessages msg = PageLanguage.messages(chosen);
        return switch (subscriptions.confirmLinkState(token)) {
            case PENDING -> page(200, Templates.confirm(chosen, token), chosen);
            case ALREADY_CONFIRMED -> page(200, Templates.message(chosen, msg.subscriptionAlreadyConfirmed()), chosen);
            case INVALID -> page(400, Templates.message(chosen, msg.linkInvalid()), chosen);
        };
    }

    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("token") String token, @FormParam("lang") String lang,
            @Context HttpHeaders headers) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        StatusMessages msg = PageLanguage.messages(chosen);
        return switch (subscriptions.confirmByLink(token)) {
            case PENDING -> page(200, Templates.message(chosen, msg.subscriptionConfirmed()), chosen);
            case ALREADY_CONFIRMED -> page(200, Templates.message(chosen, msg.subscriptionAlreadyConfirmed()), chosen);
            case INVALID -> page(400, Templates.message(chosen, msg.linkInvalid()), chosen);
        };
    }

    @POST
    @Path("/confirm-code")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirmCode(@FormParam("phone") String phone, @FormParam("code") String code,
            @FormParam("lang") String lang, @Context HttpHeaders headers, @Context HttpServerRequest request) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        StatusMessages msg = PageLanguage.messages(chosen);
        SharedRateLimiter.Decision allowed = limiter.allow(client(request));
        if (!allowed.allowed()) {
            return TooManyRequests.problemOrPage(allowed.retryAfter(), headers,
                    localized(Templates.message(chosen, msg.tooManyRequests()), chosen));
        }
        return subscriptions.confirmByCode(phone == null ? "" : phone.strip(), code)
                ? page(200, Templates.message(chosen, msg.subscriptionConfirmed()), chosen)
                : page(400, Templates.message(chosen, msg.linkInvalid()), chosen);
    }

    /** Asks before unsubscribing, so that a mail scanner following the link unsubscribes nobody. */
    @GET
    @Path("/unsubscribe")
    public Response askToUnsubscribe(@QueryParam("token") String token, @QueryParam("lang") String lang,
            @Context HttpHeaders headers) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        return subscriptions.validUnsubscribeLink(token)
                ? page(200, Templates.unsubscribe(chosen, token), chosen)
                : page(400, Templates.message(chosen, PageLanguage.messages(chosen).linkInvalid()), chosen);
    }

    @POST
    @Path("/unsubscribe")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response unsubscribe(@FormParam("token") String token, @FormParam("lang") String lang,
            @Context HttpHeaders headers) {
        String chosen = PageLanguage.choose(lang, headers.getAcceptableLanguages());
        StatusMessages msg = PageLanguage.messages(chosen);
        return subscriptions.unsubscribe(token)
                ? page(200, Templates.message(chosen, msg.unsubscribed()), chosen)
                : page(400, Templates.message(chosen, msg.linkInvalid()), chosen);
    }

    private static TemplateInstance localized(TemplateInstance page, String lang) {
        page.setLocale(Locale.forLanguageTag(lang));
        return page;
    }

    private static Response page(int status, TemplateInstance page, String lang) {
        page.setLocale(Locale.forLanguageTag(lang));
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CONTENT_LANGUAGE, lang).header("Cache-Control", "no-store").build();
    }

    /** The real client: behind a trusted proxy the address it forwarded, otherwise the connection's peer. */
    private static String client(HttpServerRequest request) {
        if (request.remoteAddress() == null) {
            return "unknown";
        }
        String address = request.remoteAddress().hostAddress();
        return address != null ? address : request.remoteAddress().host();
    }
}
