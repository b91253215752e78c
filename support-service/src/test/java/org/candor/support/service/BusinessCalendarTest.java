package org.candor.support.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;

import org.candor.support.domain.BusinessCalendar;
import org.candor.support.domain.SupportQueue;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {

    private static final BusinessCalendar BERLIN_OFFICE = BusinessCalendar.of(queue(LocalTime.of(9, 0), LocalTime.of(17, 0),
            "MON,TUE,WED,THU,FRI", "Europe/Berlin"));

    @Test
    void workAfterFridayAfternoonContinuesOnMonday() {
        // Friday 2026-03-27 16:30 in Berlin (CET, UTC+1) is 15:30 UTC.
        Instant due = BERLIN_OFFICE.after(Instant.parse("2026-03-27T15:30:00Z"), 3600);

        assertThat(due).isEqualTo(Instant.parse("2026-03-30T07:30:00Z"));
    }

    @Test
    void weekendAndNightsDoNotCount() {
        long seconds = BERLIN_OFFICE.secondsBetween(Instant.parse("2026-03-27T15:30:00Z"),
                Instant.parse("2026-03-30T08:00:00Z"));

        assertThat(seconds).isEqualTo(30 * 60 + 60 * 60);
    }

    @Test
    void holidaysDoNotCount() {
        SupportQueue office = queue(LocalTime.of(9, 0), LocalTime.of(18, 0), "MON,TUE,WED,THU,FRI", "Europe/Berlin");
        office.holidays = "2026-12-28";

        // Friday 2026-12-25 17:55 in Berlin is 16:55 UTC; Monday the 28th is closed, so 5 minutes Friday
        // and 55 minutes Tuesday.
        Instant due = BusinessCalendar.of(office).after(Instant.parse("2026-12-25T16:55:00Z"), 3600);

        assertThat(due).isEqualTo(Instant.parse("2026-12-29T08:55:00Z"));
    }

    @Test
    void aroundTheClockCountsEverySecond() {
        BusinessCalendar hotline = BusinessCalendar.of(queue(null, null, null, "UTC"));

        assertThat(hotline.after(Instant.parse("2026-03-28T23:00:00Z"), 7200))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    }

    private static SupportQueue queue(LocalTime start, LocalTime end, String days, String zone) {
        SupportQueue queue = new SupportQueue();
        queue.businessStart = start;
        queue.businessEnd = end;
        queue.businessDays = days;
        queue.timeZone = zone;
        return queue;
    }
}
