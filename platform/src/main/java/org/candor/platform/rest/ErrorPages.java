package org.candor.platform.rest;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Locale;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Public pages (status page, subscription forms, opt-out, surveys) answer a refusal with a page, not with
 * problem+json: a refusal made before the page's own code ran (an unreadable parameter, a body without
 * Content-Type, an oversized form) becomes a short HTML page in the visitor's language with the same status.
 * Pages answer their own refusals themselves, in their own words.
 */
public class ErrorPages {

    @ServerResponseFilter
    public void pageInsteadOfProblem(ContainerRequestContext request, ContainerResponseContext response,
            ResourceInfo resource) {
        // 401 and 403 are answers about the caller, not refusals of input: their problem stays as it is.
        if (response.getStatus() < 400 || response.getStatus() == 401 || response.getStatus() == 403
                || !(response.getEntity() instanceof Problem problem)
                || !answersWithHtml(resource) || asksForJson(request.getHeaderString(HttpHeaders.ACCEPT))) {
            return;
        }
        String language = language(request.getUriInfo().getQueryParameters().getFirst("lang"),
                request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE));
        response.setEntity(page(problem.status(), language), null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        response.getHeaders().putSingle(HttpHeaders.CONTENT_LANGUAGE, language);
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** Whether the operation's answers are pages (it produces HTML only). */
    static boolean answersWithHtml(ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return false;
        }
        Produces produces = method.getAnnotation(Produces.class);
        if (produces == null) {
            produces = resource.getResourceClass().getAnnotation(Produces.class);
        }
        return produces != null && Arrays.stream(produces.value())
                .allMatch(type -> type.toLowerCase(Locale.ROOT).startsWith(MediaType.TEXT_HTML));
    }

    /** A script that names JSON (e.g. {@code application/problem+json}) before any HTML gets the problem itself. */
    static boolean asksForJson(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("json") && !prefersHtml(accept);
    }

    /** Whether a client that was not routed to an operation asked for a page ({@code text/html} before JSON). */
    static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        String lower = accept.toLowerCase(Locale.ROOT);
        int html = lower.indexOf(MediaType.TEXT_HTML);
        int json = lower.indexOf("json");
        return html >= 0 && (json < 0 || html < json);
    }

    /** German when asked for ({@code lang} first, then the browser's first language), English otherwise. */
    static String language(String lang, String acceptLanguage) {
        String wanted = lang != null && !lang.isBlank() ? lang
                : acceptLanguage == null ? "" : acceptLanguage.split(",")[0];
        return wanted.trim().toLowerCase(Locale.ROOT).startsWith("de") ? "de" : "en";
    }

    static String page(int status, String language) {
        boolean german = language.equals("de");
        String text = switch (status) {
            case 404 -> german ? "Diese Seite gibt es nicht." : "This page does not exist.";
            case 410 -> german ? "Dieser Link ist abgelaufen." : "This link has expired.";
            case 413 -> german ? "Das Formular ist zu groß. Bitte kürzen Sie Ihre Eingaben."
                    : "The form is too large. Please shorten what you entered.";
            case 414 -> german ? "Die Adresse ist zu lang." : "The address is too long.";
            case 415 -> german ? "Das Formular wurde in einem Format gesendet, das wir nicht lesen können."
                    : "The form was sent in a format we cannot read.";
            case 429 -> german ? "Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut."
                    : "Too many requests. Please try again in a minute.";
            default -> status >= 500
                    ? german ? "Bei uns ist ein Fehler aufgetreten. Bitte versuchen Sie es später erneut."
                            : "Something went wrong on our side. Please try again later."
                    : german ? "Die Anfrage konnte nicht gelesen werden. Bitte prüfen Sie Ihre Eingaben."
                            : "The request could not be read. Please check what you entered.";
        };
        String title = german ? "Das hat nicht geklappt" : "That did not work";
        return "<!DOCTYPE html>\n<html lang=\"" + language + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title></head><body><main><h1>" + title + "</h1><p>" + text + "</p></main></body></html>\n";
    }
}
