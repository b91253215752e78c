package org.candor.platform.http;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Adds the security headers to every response of the service, pages and APIs alike, whatever produced
 * it (a resource, a static file, an error): Content-Security-Policy, {@code X-Content-Type-Options: nosniff},
 * Referrer-Policy and, in production, Strict-Transport-Security. A text response without a charset gets
 * {@code charset=utf-8}. A header the response already carries is left as it is.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Runs before Quarkus's own handlers, so that their responses get the headers too. */
    static final int PRIORITY = 1_000;

    private final SecurityHeadersConfig config;
    private final List<Map.Entry<String, String>> pathPolicies;

    SecurityHeaders(SecurityHeadersConfig config) {
        this.config = config;
        this.pathPolicies = config.pathPolicies().entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, String> entry) -> entry.getKey().length()).reversed())
                .map(entry -> Map.entry(entry.getKey(), entry.getValue())).toList();
    }

    void register(@Observes Filters filters) {
        if (config.enabled()) {
            filters.register(this::addHeadersOnResponse, PRIORITY);
        }
    }

    private void addHeadersOnResponse(RoutingContext context) {
        String path = context.normalizedPath();
        context.addHeadersEndHandler(ignored -> addHeaders(path, context.response().headers()));
        context.next();
    }

    void addHeaders(String path, MultiMap headers) {
        String policy = policyFor(path);
        if (policy != null && !headers.contains("Content-Security-Policy")) {
            headers.set("Content-Security-Policy", policy);
        }
        if (!headers.contains("X-Content-Type-Options")) {
            headers.set("X-Content-Type-Options", "nosniff");
        }
        if (!headers.contains("Referrer-Policy")) {
            headers.set("Referrer-Policy", config.referrerPolicy());
        }
        config.strictTransportSecurity().filter(value -> !headers.contains("Strict-Transport-Security"))
                .ifPresent(value -> headers.set("Strict-Transport-Security", value));
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (type != null && isText(type) && !type.toLowerCase(Locale.ROOT).contains("charset=")) {
            headers.set(HttpHeaders.CONTENT_TYPE, type + ";charset=utf-8");
        }
    }

    /** The policy for {@code path}: the longest matching configured prefix, else the default; none for excluded paths. */
    public String policyFor(String path) {
        if (path == null) {
            return config.contentSecurityPolicy();
        }
        for (String excluded : config.policyExcludedPaths()) {
            if (path.startsWith(excluded)) {
                return null;
            }
        }
        for (Map.Entry<String, String> entry : pathPolicies) {
            if (path.startsWith(entry.getKey())) {
                return entry.getValue();
            }
        }
        return config.contentSecurityPolicy();
    }

    /**
     * {@code policy} with the origin of {@code formTarget} added to its {@code form-action}, for a page whose form
     * goes to another service's host (where the public pages do not share one host, as in a local run); a relative
     * {@code formTarget} is this origin and changes nothing.
     */
    public static String allowingFormsTo(String policy, String formTarget) {
        URI target = URI.create(formTarget);
        if (policy == null || !target.isAbsolute() || target.getHost() == null) {
            return policy;
        }
        String origin = target.getScheme() + "://" + target.getRawAuthority();
        return policy.contains("form-action ")
                ? policy.replaceFirst("form-action ([^;]*)", "form-action $1 " + java.util.regex.Matcher.quoteReplacement(origin))
                : policy + "; form-action 'self' " + origin;
    }

    private static boolean isText(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        return lower.startsWith("text/") || lower.startsWith("application/atom+xml") || lower.startsWith("application/xml")
                || lower.startsWith("application/javascript");
    }
}
