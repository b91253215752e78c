package org.candor.support.rest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

import org.candor.platform.http.ClientAddress;
import org.candor.platform.ratelimit.SharedRateLimiter;
import org.candor.platform.ratelimit.TooManyRequests;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.support.domain.Ticket;
import org.candor.support.service.ContactService;
import org.candor.support.service.ContactService.ContactRequest;
import org.candor.support.service.ContactService.FieldFault;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.vertx.core.http.HttpServerRequest;

/**
 * The public contact form, without an account: a server-rendered page in English or German ({@code lang}, else
 * Accept-Language, else English) that works without JavaScript, and the same submission as JSON for a site's own
 * form. Each real client may send {@code max-submissions-per-minute}; a browser's cross-site submission (another
 * website making the visitor's browser post here) is refused.
 */
@Path("/contact")
@Tag(name = "Contact form")
public class ContactResource {

    /** What a site's own script sends. */
    public record ContactSubmission(String email, String subject, String message, String lang) {
    }

    /** The answer to a submission: the reference of the ticket ({@code T-1042}), which the customer quotes. */
    public record ContactReceived(String reference) {
    }

    private final ContactService contact;
    private final ClientAddress clients;
    private final Template contactPage;

    ContactResource(ContactService contact, ClientAddress clients, Template contactPage) {
        this.contact = contact;
        this.clients = clients;
        this.contactPage = contactPage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The contact form")
    public Response page(@QueryParam("lang") String lang, @Context HttpHeaders headers) {
        String language = WidgetResource.language(lang, headers.getAcceptableLanguages());
        return html(200, form(language, "", "", "", Map.of(), null), language);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Send the form: a WEB ticket and a confirmation mail; the page again with field errors otherwise")
    public Response submitForm(@FormParam("email") String email, @FormParam("subject") String subject,
            @FormParam("message") String message, @FormParam("lang") String lang, @Context HttpHeaders headers,
            @Context HttpServerRequest http) {
        String language = WidgetResource.language(lang, headers.getAcceptableLanguages());
        ContactMessages text = messages(language);
        if (crossSite(headers)) {
            return html(403, form(language, "", "", "", Map.of(), text.crossSite()), language);
        }
        SharedRateLimiter.Decision allowed = contact.allow(client(http, headers));
        if (!allowed.allowed()) {
            TemplateInstance page = form(language, trim(email), trim(subject), trim(message), Map.of(),
                    text.tooManyRequests());
            page.setLocale(Locale.forLanguageTag(language));
            return TooManyRequests.problemOrPage(allowed.retryAfter(), headers, page.render());
        }
        ContactRequest request = new ContactRequest(trim(email), trim(subject), trim(message), language);
        List<FieldFault> faults = contact.check(request);
        if (!faults.isEmpty()) {
            Map<String, String> errors = new LinkedHashMap<>();
            faults.forEach(fault -> errors.put(fault.field(), describe(fault, text)));
            return html(400, form(language, request.email(), request.subject(), request.message(), errors,
                    text.fixFields()), language);
        }
        Ticket ticket = contact.submit(request, ContactResource::confirmation);
        TemplateInstance sent = contactPage.data("lang", language).data("sent", true)
                .data("reference", ContactService.reference(ticket)).data("email", "").data("subject", "")
                .data("message", "").data("errors", Map.of()).data("notice", null);
        return html(201, sent, language);
    }

    @POST
    @Path("/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send the form as JSON: 201 with the reference, 400 problem+json naming each wrong field")
    public Response submitJson(ContactSubmission submission, @Context HttpHeaders headers,
            @Context HttpServerRequest http) {
        if (crossSite(headers)) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN,
                    "This form can only be sent from Candor's own pages"));
        }
        SharedRateLimiter.Decision allowed = contact.allow(client(http, headers));
        if (!allowed.allowed()) {
            return TooManyRequests.problem(allowed.retryAfter());
        }
        ContactSubmission body = submission == null ? new ContactSubmission(null, null, null, null) : submission;
        String language = WidgetResource.language(body.lang(), headers.getAcceptableLanguages());
        ContactRequest request = new ContactRequest(trim(body.email()), trim(body.subject()), trim(body.message()),
                language);
        List<FieldFault> faults = contact.check(request);
        if (!faults.isEmpty()) {
            ContactMessages english = messages("en");
            throw new ProblemException(Problem.invalid("The contact form has invalid fields", faults.stream()
                    .map(fault -> Problem.FieldError.field(fault.field(), describe(fault, english))).toList()));
        }
        Ticket ticket = contact.submit(request, ContactResource::confirmation);
        return Response.status(201).entity(new ContactReceived(ticket.reference())).build();
    }

    /** A browser says where a request comes from (Fetch Metadata); another site's page is refused. */
    private static boolean crossSite(HttpHeaders headers) {
        return "cross-site".equalsIgnoreCase(headers.getHeaderString("Sec-Fetch-Site"));
    }

    private String client(HttpServerRequest http, HttpHeaders headers) {
        String peer = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        return clients.resolve(peer, headers.getHeaderString("X-Forwarded-For"));
    }

    private static String confirmation(String locale, String subject, String reference) {
        return messages(locale).confirmation(subject, reference);
    }

    private static String describe(FieldFault fault, ContactMessages text) {
        return switch (fault.fault()) {
            case REQUIRED -> text.required();
            case INVALID_EMAIL -> text.invalidEmail();
            case TOO_LONG -> text.tooLong(fault.max());
            case ONE_LINE -> text.oneLine();
        };
    }

    private static ContactMessages messages(String language) {
        return MessageBundles.get(ContactMessages.class, Localized.Literal.of(language));
    }

    private TemplateInstance form(String language, String email, String subject, String message,
            Map<String, String> errors, String notice) {
        // Every field has an entry (empty when it is right): the template reads each one.
        Map<String, String> all = new LinkedHashMap<>(Map.of("email", "", "subject", "", "message", ""));
        all.putAll(errors);
        return contactPage.data("lang", language).data("sent", false).data("reference", null).data("email", email)
                .data("subject", subject).data("message", message).data("errors", all).data("notice", notice);
    }

    private static Response html(int status, TemplateInstance page, String language) {
        page.setLocale(Locale.forLanguageTag(language));
        return Response.status(status).entity(page.render()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CONTENT_LANGUAGE, language).header(HttpHeaders.VARY, "Accept-Language")
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
