package org.candor.compliance.domain.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** A holiday rule from the calendar file, evaluated for any year. */
public sealed interface HolidayRule {

    /** The date of the holiday in {@code year}. */
    LocalDate in(int year);

    /** Parses a rule; throws IllegalArgumentException saying what is wrong. */
    static HolidayRule parse(String rule) {
        if (rule == null || rule.isBlank()) {
            throw new IllegalArgumentException("rule is missing");
        }
        try {
            if (rule.startsWith("ORTHODOX_EASTER")) {
                return new Easter(true, offset(rule.substring("ORTHODOX_EASTER".length())));
            }
            if (rule.startsWith("EASTER")) {
                return new Easter(false, offset(rule.substring("EASTER".length())));
            }
            String[] parts = rule.split(":");
            switch (parts[0]) {
                case "NTH" -> {
                    int n = Integer.parseInt(parts[1]);
                    if (parts.length != 4 || n < 1 || n > 5) {
                        throw new IllegalArgumentException();
                    }
                    return new NthWeekday(n, day(parts[2]), Integer.parseInt(parts[3]));
                }
                case "LAST" -> {
                    if (parts.length != 3) {
                        throw new IllegalArgumentException();
                    }
                    return new NthWeekday(-1, day(parts[1]), Integer.parseInt(parts[2]));
                }
                case "FIRST" -> {
                    if (parts.length != 3) {
                        throw new IllegalArgumentException();
                    }
                    return new WeekdayOnOrAfter(day(parts[1]), MonthDay.parse("--" + parts[2]));
                }
                default -> {
                    if (parts.length != 1) {
                        throw new IllegalArgumentException();
                    }
                    return new Fixed(MonthDay.parse("--" + rule));
                }
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + rule + "' is not a holiday rule (MM-DD, EASTER+N, ORTHODOX_EASTER+N,"
                    + " NTH:n:DAY:MM, LAST:DAY:MM, FIRST:DAY:MM-DD)");
        }
    }

    private static int offset(String text) {
        return text.isEmpty() ? 0 : Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
    }

    private static DayOfWeek day(String text) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().substring(0, 3).equals(text.toUpperCase(Locale.ROOT))) {
                return day;
            }
        }
        throw new IllegalArgumentException(text);
    }

    record Fixed(MonthDay day) implements HolidayRule {
        @Override
        public LocalDate in(int year) {
            return day.atYear(year);
        }
    }

    /** Easter Sunday plus {@code offset} days, Gregorian (Western) or Julian computus (Orthodox). */
    record Easter(boolean orthodox, int offset) implements HolidayRule {
        @Override
        public LocalDate in(int year) {
            return (orthodox ? orthodoxEaster(year) : westernEaster(year)).plusDays(offset);
        }

        /** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
        static LocalDate westernEaster(int year) {
            int a = year % 19;
            int b = year / 100;
            int c = year % 100;
            int d = b / 4;
            int e = b % 4;
            int f = (b + 8) / 25;
            int g = (b - f + 1) / 3;
            int h = (19 * a + b - d - g + 15) % 30;
            int i = c / 4;
            int k = c % 4;
            int l = (32 + 2 * e + 2 * i - h - k) % 7;
            int m = (a + 11 * h + 22 * l) / 451;
            int month = (h + l - 7 * m + 114) / 31;
            int day = ((h + l - 7 * m + 114) % 31) + 1;
            return LocalDate.of(year, month, day);
        }

        /** Meeus' Julian algorithm, converted to the Gregorian calendar (13 days, 1900-2099). */
        static LocalDate orthodoxEaster(int year) {
            int a = year % 4;
            int b = year % 7;
            int c = year % 19;
            int d = (19 * c + 15) % 30;
            int e = (2 * a + 4 * b - d + 34) % 7;
            int month = (d + e + 114) / 31;
            int day = ((d + e + 114) % 31) + 1;
            int julianToGregorian = year / 100 - year / 400 - 2;
            return LocalDate.of(year, month, day).plusDays(julianToGregorian);
        }
    }

    /** The n-th (or, with n = -1, the last) given weekday of a month. */
    record NthWeekday(int n, DayOfWeek day, int month) implements HolidayRule {
        @Override
        public LocalDate in(int year) {
            LocalDate first = LocalDate.of(year, month, 1);
            return n < 0 ? first.with(TemporalAdjusters.lastInMonth(day))
                    : first.with(TemporalAdjusters.dayOfWeekInMonth(n, day));
        }
    }

    record WeekdayOnOrAfter(DayOfWeek day, MonthDay from) implements HolidayRule {
        @Override
        public LocalDate in(int year) {
            return from.atYear(year).with(TemporalAdjusters.nextOrSame(day));
        }
    }
}
