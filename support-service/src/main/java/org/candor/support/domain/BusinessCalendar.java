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
import java.util.Locale;
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
        if (queue.businessStart == null || queue.businessEnd == null || queue.businessDays == null) {
            return AroundTheClock.INSTANCE;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        Arrays.stream(queue.businessDays.split(",")).map(String::trim).filter(day -> !day.isEmpty())
                .forEach(day -> days.add(dayOf(day)));
        return new BusinessHours(ZoneId.of(queue.timeZone), queue.businessStart, queue.businessEnd, days,
                holidays(queue.holidays));
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

    private static DayOfWeek dayOf(String abbreviation) {
        String upper = abbreviation.toUpperCase(Locale.ROOT);
        return Arrays.stream(DayOfWeek.values()).filter(day -> day.name().startsWith(upper)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown day " + abbreviation));
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

    /** Business hours in a time zone on the given days, except holidays. */
    record BusinessHours(ZoneId zone, LocalTime start, LocalTime end, Set<DayOfWeek> days, Set<LocalDate> holidays)
            implements BusinessCalendar {

        private boolean open(LocalDate day) {
            return days.contains(day.getDayOfWeek()) && !holidays.contains(day);
        }

        // Guards against endless walks for a calendar without any working day.
        private static final int MAX_DAYS = 3660;

        @Override
        public long secondsBetween(Instant from, Instant to) {
            if (!to.isAfter(from) || days.isEmpty()) {
                return 0;
            }
            long total = 0;
            LocalDate day = from.atZone(zone).toLocalDate();
            LocalDate last = to.atZone(zone).toLocalDate();
            for (int i = 0; !day.isAfter(last) && i < MAX_DAYS; i++, day = day.plusDays(1)) {
                if (!open(day)) {
                    continue;
                }
                Instant open = ZonedDateTime.of(day, start, zone).toInstant();
                Instant close = ZonedDateTime.of(day, end, zone).toInstant();
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
            if (days.isEmpty()) {
                return Instant.MAX;
            }
            long left = seconds;
            LocalDate day = from.atZone(zone).toLocalDate();
            for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
                if (!open(day)) {
                    continue;
                }
                Instant open = ZonedDateTime.of(day, start, zone).toInstant();
                Instant close = ZonedDateTime.of(day, end, zone).toInstant();
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
