package org.candor.compliance.domain.deadline;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One jurisdiction's holidays, computed by rule for any year, and the business days they leave. */
public final class HolidayCalendar {

    /** A holiday on a date (the observed date when it moves off a weekend). */
    public record Holiday(LocalDate date, String name) {
    }

    private record Rule(String name, HolidayRule rule, Integer from, Integer until) {
        boolean appliesIn(int year) {
            return (from == null || year >= from) && (until == null || year <= until);
        }
    }

    private final String id;
    private final String name;
    private final HolidayCalendarFile.Observed observed;
    private final List<Rule> rules;
    private final Map<LocalDate, String> closures;
    private final Map<Integer, Map<LocalDate, String>> byYear = new ConcurrentHashMap<>();

    HolidayCalendar(String id, HolidayCalendarFile.Definition definition) {
        this.id = id;
        this.name = definition.name();
        this.observed = definition.observed() == null ? HolidayCalendarFile.Observed.NONE : definition.observed();
        List<Rule> parsed = new ArrayList<>();
        for (HolidayCalendarFile.Holiday holiday : definition.holidays()) {
            parsed.add(new Rule(holiday.name(), HolidayRule.parse(holiday.rule()), holiday.from(), holiday.until()));
        }
        this.rules = List.copyOf(parsed);
        Map<LocalDate, String> oneOff = new TreeMap<>();
        if (definition.closures() != null) {
            definition.closures().forEach(date -> oneOff.put(LocalDate.parse(date), "Closure"));
        }
        this.closures = Collections.unmodifiableMap(oneOff);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /** The holidays that fall (as observed) in {@code year}, in date order. */
    public List<Holiday> holidays(int year) {
        return year(year).entrySet().stream().map(entry -> new Holiday(entry.getKey(), entry.getValue())).toList();
    }

    public boolean isHoliday(LocalDate date) {
        return year(date.getYear()).containsKey(date);
    }

    public boolean isBusinessDay(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY && !isHoliday(date);
    }

    /** The {@code count}-th business day after {@code date} ({@code date} itself is day 0 and never counts). */
    public LocalDate addBusinessDays(LocalDate date, int count) {
        LocalDate day = date;
        int left = count;
        while (left > 0) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                left--;
            }
        }
        return day;
    }

    /** The first business day after {@code date}. */
    public LocalDate nextBusinessDay(LocalDate date) {
        return addBusinessDays(date, 1);
    }

    private Map<LocalDate, String> year(int year) {
        return byYear.computeIfAbsent(year, this::compute);
    }

    private Map<LocalDate, String> compute(int year) {
        Map<LocalDate, String> dates = new TreeMap<>();
        // A holiday of the next or previous year can be observed in this one (1 January on a Saturday).
        for (int candidateYear = year - 1; candidateYear <= year + 1; candidateYear++) {
            for (Rule rule : rules) {
                if (!rule.appliesIn(candidateYear)) {
                    continue;
                }
                LocalDate observedOn = observe(rule.rule().in(candidateYear));
                if (observedOn.getYear() == year) {
                    dates.merge(observedOn, rule.name(), (a, b) -> a + " / " + b);
                }
            }
        }
        closures.forEach((date, label) -> {
            if (date.getYear() == year) {
                dates.putIfAbsent(date, label);
            }
        });
        return Collections.unmodifiableMap(dates);
    }

    private LocalDate observe(LocalDate date) {
        return switch (observed) {
            case NONE -> date;
            case NEAREST_WEEKDAY -> switch (date.getDayOfWeek()) {
                case SATURDAY -> date.minusDays(1);
                case SUNDAY -> date.plusDays(1);
                default -> date;
            };
            case SUNDAY_TO_MONDAY -> date.getDayOfWeek() == DayOfWeek.SUNDAY ? date.plusDays(1) : date;
        };
    }
}
