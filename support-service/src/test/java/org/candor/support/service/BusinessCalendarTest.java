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

    /** A desk open Mon–Fri 08:00–20:00 and Sat 10:00–16:00 in Berlin, closed on Sunday. */
    private static final BusinessCalendar BERLIN_DESK = BusinessCalendar.of(desk(
            "MON 08:00-20:00,TUE 08:00-20:00,WED 08:00-20:00,THU 08:00-20:00,FRI 08:00-20:00,SAT 10:00-16:00"));

    @Test
    void saturdayClosesAtTheEndOfItsShortWindow() {
        // Saturday 2026-03-21 15:30 in Berlin (CET) is 14:30 UTC: 30 minutes until Saturday closes at 16:00,
        // Sunday is closed, and the other 30 minutes from Monday 08:00.
        Instant due = BERLIN_DESK.after(Instant.parse("2026-03-21T14:30:00Z"), 3600);

        assertThat(due).isEqualTo(Instant.parse("2026-03-23T07:30:00Z"));
    }

    @Test
    void saturdayOpensAtItsOwnHourNotTheWeekdays() {
        // Friday 2026-03-20 19:30 CET (18:30 UTC): 30 minutes on Friday, the rest from Saturday 10:00, not 08:00.
        Instant due = BERLIN_DESK.after(Instant.parse("2026-03-20T18:30:00Z"), 3600);

        assertThat(due).isEqualTo(Instant.parse("2026-03-21T09:30:00Z"));
    }

    @Test
    void workFromFridayEveningRollsOverTheWeekendIntoSummerTime() {
        // Friday 2026-03-27 19:30 CET (18:30 UTC), 8 hours of work: 30 minutes on Friday, 6 hours on Saturday
        // (10:00–16:00 CET), Sunday closed (the clocks go forward that night), 1.5 hours from Monday 08:00 CEST
        // (06:00 UTC): Monday 09:30 CEST is 07:30 UTC.
        Instant due = BERLIN_DESK.after(Instant.parse("2026-03-27T18:30:00Z"), 8 * 3600);

        assertThat(due).isEqualTo(Instant.parse("2026-03-30T07:30:00Z"));
    }

    @Test
    void pausedTimeOverAWeekendIntoWinterTimeCountsOnlyFridayEveningAndSaturday() {
        // Friday 2026-10-23 19:30 CEST (17:30 UTC) to Monday 2026-10-26 09:30 CET (08:30 UTC): 30 minutes on
        // Friday, 6 hours on Saturday (10:00–16:00 CEST), Sunday closed (the clocks go back that night),
        // 1.5 hours on Monday.
        long seconds = BERLIN_DESK.secondsBetween(Instant.parse("2026-10-23T17:30:00Z"),
                Instant.parse("2026-10-26T08:30:00Z"));

        assertThat(seconds).isEqualTo(8 * 3600);
    }

    @Test
    void clocksGoingForwardDuringOpeningHoursShortenThatDay() {
        // Open only on Sunday 01:00–05:00 in Berlin; on 2026-03-29 02:00 CET becomes 03:00 CEST, so that
        // Sunday has three hours of work, from 00:00 to 03:00 UTC.
        BusinessCalendar night = BusinessCalendar.of(desk("SUN 01:00-05:00"));

        long seconds = night.secondsBetween(Instant.parse("2026-03-28T12:00:00Z"), Instant.parse("2026-03-30T12:00:00Z"));

        assertThat(seconds).isEqualTo(3 * 3600);
    }

    @Test
    void theSameHoursGivenPerWeekdayCountLikeTheSingleWindow() {
        BusinessCalendar perWeekday = BusinessCalendar.of(desk(
                "MON 09:00-17:00,TUE 09:00-17:00,WED 09:00-17:00,THU 09:00-17:00,FRI 09:00-17:00"));
        Instant fridayAfternoon = Instant.parse("2026-03-27T15:30:00Z");

        assertThat(perWeekday.after(fridayAfternoon, 3600)).isEqualTo(BERLIN_OFFICE.after(fridayAfternoon, 3600));
    }

    @Test
    void aroundTheClockCountsEverySecond() {
        BusinessCalendar hotline = BusinessCalendar.of(queue(null, null, null, "UTC"));

        assertThat(hotline.after(Instant.parse("2026-03-28T23:00:00Z"), 7200))
                .isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
    }

    private static SupportQueue desk(String weekdayHours) {
        SupportQueue queue = queue(null, null, null, "Europe/Berlin");
        queue.weekdayHours = weekdayHours;
        return queue;
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
