package org.candor.platform.rest;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The bounds every request must stay within; over them a request is refused with a problem+json answer. */
@ConfigMapping(prefix = "candor.input")
public interface InputLimitsConfig {

    /** Most characters in a JSON string value; a field may set a lower bound of its own with {@code @Size}. */
    @WithDefault("20000")
    int maxJsonStringLength();

    /** Most characters in a path, query, form or header parameter. */
    @WithDefault("4000")
    int maxParameterLength();

    /** Longest request target (path and query) in characters; longer is answered 414. */
    @WithDefault("8192")
    int maxUriLength();

    /** Largest request body in bytes, except on the paths of {@link #largeBodyPaths()}; larger is answered 413. */
    @WithDefault("1048576")
    long maxBodySize();

    /** Largest form body ({@code application/x-www-form-urlencoded}, the public forms) in bytes. */
    @WithDefault("65536")
    long maxFormBodySize();

    /**
     * A regular expression over request paths that may carry bodies up to {@code quarkus.http.limits.max-body-size}
     * instead of {@link #maxBodySize()}, e.g. the path of a CSV import.
     */
    Optional<String> largeBodyPaths();
}
