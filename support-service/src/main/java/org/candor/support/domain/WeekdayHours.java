package org.candor.support.domain;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The opening hours of one weekday, in the queue's time zone ({@code end} after {@code start}; a window
 * does not run past midnight).
 *
 * <p>Stored in {@code support_queue.weekday_hours} as {@code MON 08:00-20:00,SAT 10:00-16:00}: the open
 * days, Monday first; a day not listed is closed.
 */
public record WeekdayHours(DayOfWeek day, LocalTime start, LocalTime end) {

    public static final Comparator<WeekdayHours> BY_DAY = Comparator.comparing(WeekdayHours::day);

    /** The day for its abbreviation ({@code MON} … {@code SUN}) or its English name, in any case, if it is one. */
    public static Optional<DayOfWeek> dayOf(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(DayOfWeek.values())
                .filter(day -> day.name().equals(upper) || abbreviation(day).equals(upper)).findFirst();
    }

    /** {@code MON} … {@code SUN}. */
    public static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    /** Parses the stored form; throws IllegalArgumentException naming what it cannot read. */
    public static List<WeekdayHours> parse(String stored) {
        List<WeekdayHours> hours = new ArrayList<>();
        for (String entry : stored.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] dayAndWindow = trimmed.split(" ", 2);
            String[] window = dayAndWindow.length == 2 ? dayAndWindow[1].split("-", 2) : new String[0];
            if (window.length != 2) {
                throw new IllegalArgumentException("Unreadable weekday hours '" + trimmed + "'");
            }
            DayOfWeek day = dayOf(dayAndWindow[0])
                    .orElseThrow(() -> new IllegalArgumentException("Unknown day " + dayAndWindow[0]));
            hours.add(new WeekdayHours(day, LocalTime.parse(window[0].trim()), LocalTime.parse(window[1].trim())));
        }
        hours.sort(BY_DAY);
        return hours;
    }

    /** The stored form, Monday first. */
    public static String format(List<WeekdayHours> hours) {
        return hours.stream().sorted(BY_DAY).map(WeekdayHours::toString).collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return abbreviation(day) + " " + start + "-" + end;
    }
}
