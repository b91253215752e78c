package org.candor.compliance.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** compliance-service settings. */
@ConfigMapping(prefix = "candor.compliance")
public interface ComplianceConfig {

    /** Classpath location of the regime catalogue. */
    @WithDefault("catalogue/regimes.json")
    String catalogue();

    /** Classpath location of the holiday calendars. */
    @WithDefault("catalogue/holiday-calendars.json")
    String holidayCalendars();

    /** Reminders. */
    Reminders reminders();

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
