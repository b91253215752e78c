package org.candor.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static final QuietHours NIGHT = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void lateEveningWaitsForTomorrowMorningLocalTime() {
        assertThat(NIGHT.nextAllowed(Instant.parse("2030-01-15T22:30:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2030-01-16T07:00:00Z"));
    }

    @Test
    void earlyMorningWaitsUntilEightTheSameDay() {
        assertThat(NIGHT.nextAllowed(Instant.parse("2030-07-15T03:00:00Z"), BERLIN))
                .isEqualTo(Instant.parse("2030-07-15T06:00:00Z"));
    }

    @Test
    void daytimeSendsNow() {
        Instant noon = Instant.parse("2030-01-15T11:00:00Z");

        assertThat(NIGHT.nextAllowed(noon, BERLIN)).isEqualTo(noon);
    }
}
