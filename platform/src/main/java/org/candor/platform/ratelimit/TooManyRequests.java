package org.candor.platform.ratelimit;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.candor.platform.rest.Problem;

/**
 * The answer to a client over its limit: 429 with {@code Retry-After} (whole seconds, rounded up) and an
 * RFC 9457 problem. A browser submitting a page's form (it prefers HTML) gets the page it is given instead,
 * with the same status and header.
 */
public final class TooManyRequests {

    private TooManyRequests() {
    }

    public static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** 429 problem+json with Retry-After. */
    public static Response problem(Duration retryAfter) {
        long seconds = retryAfterSeconds(retryAfter);
        Problem problem = new Problem("https://candor.dev/problems/429", "Too Many Requests", 429,
                "Too many requests from this address. Try again in " + seconds + " s.", List.of());
        return Response.status(429).type(Problem.MEDIA_TYPE).entity(problem).header(HttpHeaders.RETRY_AFTER, seconds)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** 429 with Retry-After: {@code page} (HTML) if the client prefers HTML to JSON, else the problem. */
    public static Response problemOrPage(Duration retryAfter, HttpHeaders request, Object page) {
        if (!prefersHtml(request)) {
            return problem(retryAfter);
        }
        return Response.status(429).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(page)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(retryAfter)).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** Whether the first acceptable type that is HTML or JSON is HTML (a browser), not a wildcard or JSON. */
    static boolean prefersHtml(HttpHeaders request) {
        for (MediaType type : request.getAcceptableMediaTypes()) {
            if (type.isWildcardType()) {
                return false;
            }
            if (type.isCompatible(MediaType.TEXT_HTML_TYPE) && !type.isWildcardSubtype()) {
                return true;
            }
            if (type.getSubtype().endsWith("json")) {
                return false;
            }
        }
        return false;
    }
}
