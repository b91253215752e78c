package org.candor.support.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hours in which a queue's SLA clock runs: around the clock, or business hours on business days
 * in the queue's time zone, except its holidays.
 */
public sealed interface BusinessCalendar {

    /** Seconds of working time between two instants ({@code from} before {@code to}). */
    long secondsBetween(Instant from, Instant to);

    /** The instant at which {@code seconds} of working time have passed since {@code from}. */
    Instant after(Instant from, long seconds);

    static BusinessCalendar of(SupportQueue queue) {
        List<WeekdayHours> week = weekdayHours(queue);
        if (week.isEmpty() && queue.weekdayHours == null) {
            return AroundTheClock.INSTANCE;
        }
        return new BusinessHours(ZoneId.of(queue.timeZone), week, holidays(queue.holidays));
    }

    /**
     * The queue's opening hours per open day, Monday first: its weekday hours, or its single window on each
     * of its business days; empty for 24/7. Throws IllegalArgumentException for an unknown day.
     */
    static List<WeekdayHours> weekdayHours(SupportQueue queue) {
        if (queue.weekdayHours != null) {
            return WeekdayHours.parse(queue.weekdayHours);
        }
        if (queue.businessStart == null || queue.businessEnd == null || queue.businessDays == null) {
            return List.of();
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(queue.businessDays.split(",")).map(String::trim).filter(day -> !day.isEmpty())
                .forEach(day -> days.add(WeekdayHours.dayOf(day)
                        .orElseThrow(() -> new IllegalArgumentException("Unknown day " + day))));
        return days.stream().map(day -> new WeekdayHours(day, queue.businessStart, queue.businessEnd)).toList();
    }

    /** Parses ISO dates separated by commas; throws DateTimeParseException naming the bad one. */
    static Set<LocalDate> holidays(String dates) {
        Set<LocalDate> holidays = new TreeSet<>();
        if (dates != null) {
            Arrays.stream(dates.split(",")).map(String::trim).filter(date -> !date.isEmpty())
                    .forEach(date -> holidays.add(LocalDate.parse(date)));
        }
        return holidays;
    }

    /** 24/7: every second counts. */
    enum AroundTheClock implements BusinessCalendar {
        INSTANCE;

        @Override
        public long secondsBetween(Instant from, Instant to) {
            return Math.max(0, Duration.between(from, to).getSeconds());
        }

        @Override
        public Instant after(Instant from, long seconds) {
            return from.plusSeconds(seconds);
        }
    }

    /**
     * Opening hours per weekday in a time zone, except holidays. A day without hours is closed; on a day
     * the clocks change, a window's start or end in the gap moves later by the gap (as {@link ZonedDateTime#of} does).
     */
    record BusinessHours(ZoneId zone, List<WeekdayHours> week, Set<LocalDate> holidays) implements BusinessCalendar {

        public BusinessHours {
            week = List.copyOf(week);
            holidays = Set.copyOf(holidays);
        }

        private WeekdayHours hours(LocalDate day) {
            if (holidays.contains(day)) {
                return null;
            }
            DayOfWeek weekday = day.getDayOfWeek();
            for (WeekdayHours hours : week) {
                if (hours.day() == weekday) {
                    return hours;
                }
            }
            return null;
        }

        // Guards against endless walks for a calendar without any working day.
        private static final int MAX_DAYS = 3660;

        @Override
        public long secondsBetween(Instant from, Instant to) {
            if (!to.isAfter(from) || week.isEmpty()) {
                return 0;
            }
            long total = 0;
            LocalDate day = from.atZone(zone).toLocalDate();
            LocalDate last = to.atZone(zone).toLocalDate();
            for (int i = 0; !day.isAfter(last) && i < MAX_DAYS; i++, day = day.plusDays(1)) {
                WeekdayHours hours = hours(day);
                if (hours == null) {
                    continue;
                }
                Instant open = ZonedDateTime.of(day, hours.start(), zone).toInstant();
                Instant close = ZonedDateTime.of(day, hours.end(), zone).toInstant();
                Instant a = from.isAfter(open) ? from : open;
                Instant b = to.isBefore(close) ? to : close;
                if (b.isAfter(a)) {
                    total += Duration.between(a, b).getSeconds();
                }
            }
            return total;
        }

        @Override
        public Instant after(Instant from, long seconds) {
            if (week.isEmpty()) {
                return Instant.MAX;
            }
            long left = seconds;
            LocalDate day = from.atZone(zone).toLocalDate();
            for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
                WeekdayHours hours = hours(day);
                if (hours == null) {
                    continue;
                }
                Instant open = ZonedDateTime.of(day, hours.start(), zone).toInstant();
                Instant close = ZonedDateTime.of(day, hours.end(), zone).toInstant();
                Instant a = from.isAfter(open) ? from : open;
                if (!close.isAfter(a)) {
                    continue;
                }
                long available = Duration.between(a, close).getSeconds();
                if (left <= available) {
                    return a.plusSeconds(left);
                }
                left -= available;
            }
            return Instant.MAX;
        }
    }
}
