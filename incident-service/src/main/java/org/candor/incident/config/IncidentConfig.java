package org.candor.incident.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** incident-service settings. */
@ConfigMapping(prefix = "candor.incident")
public interface IncidentConfig {

    /** Rows written per transaction during an import. */
    @WithDefault("2000")
    int importChunkSize();

    /** Rejected rows listed one by one in an import report (all are counted). */
    @WithDefault("1000")
    int importMaxListedRejections();

    /** Longest an all-or-nothing import may take. */
    @WithDefault("PT30M")
    Duration importTransactionTimeout();

    /** How often promised status updates are checked for being overdue. */
    @WithDefault("30s")
    Duration overdueCheckInterval();

    /** The public address of this service, used in feed and confirmation links. */
    @WithDefault("http://localhost:8081")
    String publicBaseUrl();

    /** The key that signs links sent to the public (at least 32 bytes). Never committed for production. */
    String linkSecret();

    /** Subscription requests (and code attempts) allowed per client address and minute. */
    @WithDefault("10")
    int subscriptionRequestsPerMinute();

    /**
     * Where the status page's "Is this message from us?" form sends a message's reference (notification-service's
     * public {@code /check}); relative where the public pages share one host (the Kubernetes Ingress routes
     * {@code /check} there). An absolute address on another origin also needs that origin in {@code form-action}.
     */
    @WithDefault("/check")
    String messageCheckUrl();

    /** How customers reach support, shown on the status page. */
    Support support();

    /** How the status page, feed and JSON are cached, here and by browsers and CDNs. */
    StatusPage statusPage();

    /** Caching of the public status content. */
    interface StatusPage {

        /** How often each replica reads the content version from the database (the longest another replica lags). */
        @WithDefault("1s")
        Duration versionCheckInterval();

        /** Longest a cached copy is served before it is rebuilt even without a change (incidents leave the page by age). */
        @WithDefault("5m")
        Duration maxAge();

        /**
         * Longest a reader waits for a rebuild when an older copy exists; past it that copy is served and the
         * rebuild goes on (the next reader gets its result).
         */
        @WithDefault("1s")
        Duration rebuildWait();

        /** After a failed rebuild (database down), how long the last good copy is served before the next try. */
        @WithDefault("5s")
        Duration retryAfterFailure();

        /** Seconds a browser may reuse a copy without asking ({@code max-age}). */
        @WithDefault("10")
        int browserMaxAge();

        /** Seconds a CDN or other shared cache may reuse a copy without asking ({@code s-maxage}). */
        @WithDefault("30")
        int sharedMaxAge();

        /** Seconds a cache may serve an expired copy while it fetches a new one ({@code stale-while-revalidate}). */
        @WithDefault("60")
        int staleWhileRevalidate();

        /** Seconds a cache may serve an expired copy when this service fails ({@code stale-if-error}). */
        @WithDefault("86400")
        int staleIfError();
    }

    /** Support contact shown to the public. */
    interface Support {

        /**
         * The hotline number, in international format: shown until compliance-service's organisation profile gives one
         * (with its support hours).
         */
        @WithDefault("+1 555 0100")
        String hotline();

        /** Where the live chat widget lives. */
        @WithDefault("http://localhost:8083/widget/")
        String chatUrl();
    }
}
