package org.candor.compliance.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** compliance-service settings. */
@ConfigMapping(prefix = "candor.compliance")
public interface ComplianceConfig {

    /** Classpath location of the bundled regime catalogue, used unless {@link #catalogueFile()} is set. */
    @WithDefault("catalogue/regimes.json")
    String catalogue();

    /** Classpath location of the bundled holiday calendars, used unless {@link #holidayCalendarsFile()} is set. */
    @WithDefault("catalogue/holiday-calendars.json")
    String holidayCalendars();

    /**
     * A regime catalogue on disk (a mounted file or ConfigMap key) that replaces the bundled one without a release;
     * checked again every {@link #catalogueCheckEvery()}. Unset: the bundled catalogue.
     */
    Optional<Path> catalogueFile();

    /** Holiday calendars on disk that replace the bundled ones, checked with the catalogue. Unset: the bundled ones. */
    Optional<Path> holidayCalendarsFile();

    /**
     * How often the catalogue files are read again for a new version ({@code off} only checks at start and on
     * {@code POST /api/regimes/reload}).
     */
    @WithDefault("30s")
    String catalogueCheckEvery();

    /** Reminders. */
    Reminders reminders();

    /** iCalendar feeds of deadlines. */
    Calendar calendar();

    /** The audit chain's signed checkpoints. */
    Audit audit();

    interface Audit {

        /**
         * The Ed25519 private key checkpoints are signed with: a PKCS#8 PEM file ({@code -----BEGIN PRIVATE KEY-----},
         * as {@code openssl genpkey -algorithm ed25519} writes it), mounted from a Secret and never in the database.
         * Required in production; unset in dev and test, a key is made at start and lives as long as the process.
         */
        Optional<Path> signingKeyLocation();

        /**
         * How often the chain is checkpointed when it has grown since the last checkpoint ({@code off}: only on
         * filings). Every filing takes one as well, in its own transaction.
         */
        @WithDefault("1h")
        String checkpointInterval();
    }

    interface Calendar {

        /**
         * The key the feed links are signed with (HMAC-SHA256), at least 32 bytes. Unset: no feed links are issued
         * (503) and none opens; the rest of the service works.
         */
        Optional<String> linkSecret();

        /** How long a feed link works; a calendar keeps polling it until then, and a new link is asked for after. */
        @WithDefault("P30D")
        Duration linkValidity();

        /**
         * Where calendar apps reach the feeds from outside, e.g. {@code https://www.acme.com} (the public Ingress
         * routes {@code /calendar}). Unset: the address the link was asked for on.
         */
        Optional<java.net.URI> publicBaseUrl();
    }

    interface Reminders {

        /** How long before a deadline the data-protection officer and compliance officers are reminded. */
        @WithDefault("PT24H,PT4H,PT1H")
        List<Duration> offsets();

        /** How often due reminders and passed deadlines are looked for. */
        @WithDefault("30s")
        String every();

        /** Whether this instance looks for due reminders (every replica may; each reminder goes out once). */
        @WithDefault("true")
        boolean enabled();

        /** Obligations without a fixed due time ("without undue delay", "as soon as practicable"). */
        Undated undated();
    }

    interface Undated {

        /**
         * How often an obligation without a fixed due time is reminded, from its trigger (e.g. awareness) on,
         * until it is filed or marked not required. The first reminder goes out when it is recorded.
         */
        @WithDefault("PT12H")
        Duration every();

        /** How long after its trigger an unfiled obligation without a fixed due time is escalated. */
        @WithDefault("PT48H")
        Duration escalateAfter();

        /**
         * Who is told, besides the data-protection officer and the compliance officers, once an obligation
         * without a fixed due time is escalated, and with every reminder after that (e.g. the general counsel).
         */
        Optional<List<String>> escalateTo();
    }
}
