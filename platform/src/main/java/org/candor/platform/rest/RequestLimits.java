package org.candor.platform.rest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds on the request line and the body, checked before any resource reads the request, and
 * problem+json for the 413 and 414 answers that would otherwise have an empty body. Public forms get the
 * smaller {@link InputLimitsConfig#maxFormBodySize()}; only the paths of
 * {@link InputLimitsConfig#largeBodyPaths()} (imports) may send more than {@link InputLimitsConfig#maxBodySize()}.
 */
@ApplicationScoped
public class RequestLimits {

    private final InputLimitsConfig limits;
    private final Optional<Pattern> largeBodyPaths;

    public RequestLimits(InputLimitsConfig limits) {
        this.limits = limits;
        this.largeBodyPaths = limits.largeBodyPaths().map(Pattern::compile);
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1).handler(this::check);
        router.route().order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1).failureHandler(this::answerEmptyFailure);
    }

    private void check(RoutingContext context) {
        if (context.request().uri().length() > limits.maxUriLength()) {
            end(context, 414, "The request target (path and query) is longer than " + limits.maxUriLength()
                    + " characters");
            return;
        }
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long bytes;
            try {
                bytes = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                end(context, 400, "The Content-Length header is not a number");
                return;
            }
            long max = maxBodySize(context);
            if (bytes > max) {
                end(context, 413, "The body is larger than " + max + " bytes");
                return;
            }
        }
        context.next();
    }

    private long maxBodySize(RoutingContext context) {
        String type = context.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return limits.maxFormBodySize();
        }
        if (largeBodyPaths.isPresent() && largeBodyPaths.get().matcher(context.normalizedPath()).matches()) {
            return Long.MAX_VALUE;
        }
        return limits.maxBodySize();
    }

    /** Vert.x ends some refusals (a body over quarkus.http.limits.max-body-size) with a bare status. */
    private void answerEmptyFailure(RoutingContext context) {
        int status = context.statusCode();
        if (context.failure() == null && (status == 413 || status == 414 || status == 431) && !context.response().headWritten()) {
            end(context, status, switch (status) {
                case 413 -> "The body is too large";
                case 414 -> "The request target (path and query) is too long";
                default -> "The request headers are too large";
            });
            return;
        }
        context.next();
    }

    private static void end(RoutingContext context, int status, String detail) {
        if (ErrorPages.prefersHtml(context.request().getHeader(HttpHeaders.ACCEPT))) {
            String language = ErrorPages.language(null,
                    context.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            context.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                    .putHeader(HttpHeaders.CONTENT_LANGUAGE, language)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(ErrorPages.page(status, language));
            return;
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        Problem problem = new Problem("https://candor.dev/problems/" + status,
                known != null ? known.getReasonPhrase() : "Request Header Fields Too Large", status, detail, List.of());
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(problem));
    }
}
