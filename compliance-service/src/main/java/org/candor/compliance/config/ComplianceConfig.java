package org.candor.compliance.config;

import java.time.Duration;
import java.util.List;

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
    }
}
