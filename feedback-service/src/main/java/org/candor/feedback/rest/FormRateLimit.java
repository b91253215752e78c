package org.candor.feedback.rest;

import java.util.Set;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.candor.feedback.service.FormRateLimiter;
import org.candor.platform.ratelimit.SharedRateLimiter;
import org.candor.platform.ratelimit.TooManyRequests;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;

/**
 * The per-client limit on the survey form and its opt-out ({@link SurveyFormResource}), counted before the
 * request is matched to an operation: the form produces only HTML, so a client that accepts only JSON would
 * otherwise be answered 406 and never reach the limit. Past it every client gets 429 with
 * {@code Retry-After}: a browser the page that says so in its language, anything else the problem.
 */
public class FormRateLimit {

    /** {@code /survey/{token}}: the form (GET, and HEAD through it) and its answers (POST). */
    private static final Pattern FORM = Pattern.compile("/survey/[^/]+/?");
    private static final Set<String> FORM_METHODS = Set.of("GET", "HEAD", "POST");
    /** {@code /survey/{token}/opt-out}, POST only. */
    private static final Pattern OPT_OUT = Pattern.compile("/survey/[^/]+/opt-out/?");

    private final FormRateLimiter limiter;
    private final FormPages pages;

    FormRateLimit(FormRateLimiter limiter, FormPages pages) {
        this.limiter = limiter;
        this.pages = pages;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> limit(ContainerRequestContext request, HttpHeaders headers, HttpServerRequest http) {
        if (!limited(request.getMethod(), request.getUriInfo().getPath())) {
            return Uni.createFrom().nullItem();
        }
        String client = client(http);
        String lang = request.getUriInfo().getQueryParameters().getFirst("lang");
        // The bucket is a row in PostgreSQL: counted on a worker thread, not on the event loop.
        return Uni.createFrom().item(() -> limiter.allow(client))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(decision -> decision.allowed() ? null : tooManyRequests(decision, lang, headers));
    }

    private static boolean limited(String method, String path) {
        return FORM_METHODS.contains(method) && FORM.matcher(path).matches()
                || "POST".equals(method) && OPT_OUT.matcher(path).matches();
    }

    private Response tooManyRequests(SharedRateLimiter.Decision decision, String lang, HttpHeaders headers) {
        String language = FormTexts.choose(lang, null, headers.getAcceptableLanguages());
        return TooManyRequests.problemOrPage(decision.retryAfter(), headers, pages.html(language, "tooManyRequests"));
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
