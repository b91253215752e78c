package org.candor.platform.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The security headers every response of a Candor service carries. */
@ConfigMapping(prefix = "candor.security-headers")
public interface SecurityHeadersConfig {

    /** Whether the headers are added at all. */
    @WithDefault("true")
    boolean enabled();

    /**
     * The Content-Security-Policy of every page: no script, no inline style, nothing from elsewhere, forms
     * only to this service, never inside a frame. A service whose pages need more widens it for its paths
     * with {@link #pathPolicies()}.
     */
    @WithDefault("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    String contentSecurityPolicy();

    /**
     * Content-Security-Policy per path prefix (the longest matching prefix wins), e.g. the chat widget's page
     * with its script, its WebSocket and the origins allowed to embed it.
     */
    Map<String, String> pathPolicies();

    /** Paths that get no Content-Security-Policy (Quarkus's own pages such as the Swagger UI use inline script). */
    @WithDefault("/q/")
    List<String> policyExcludedPaths();

    /** {@code Referrer-Policy}: signed tokens travel in URLs and must not leak to other sites. */
    @WithDefault("no-referrer")
    String referrerPolicy();

    /** {@code Strict-Transport-Security}; set in production, where the public reaches the services over HTTPS only. */
    Optional<String> strictTransportSecurity();
}
