package org.candor.support.service;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.support.domain.BusinessCalendar;
import org.candor.support.domain.Priority;
import org.candor.support.domain.SlaPolicy;
import org.candor.support.domain.SupportQueue;
import org.candor.support.domain.WeekdayHours;

/** Queues with their skills and calendars, and the SLA policy per priority; kept by supervisors. */
@ApplicationScoped
public class QueueService {

    private static final String DAY_NAMES = "MON, TUE, WED, THU, FRI, SAT or SUN";

    private final ReferenceData referenceData;

    QueueService(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    public List<SupportQueue> queues() {
        return SupportQueue.<SupportQueue>find("order by code").list();
    }

    /**
     * What a supervisor sets on a queue. Business hours are either one window ({@code businessStart} to
     * {@code businessEnd}) on each of {@code businessDays}, or {@code weekdayHours} per open day; none is 24/7.
     */
    public record QueueChange(String name, List<String> skills, LocalTime businessStart, LocalTime businessEnd,
            String businessDays, List<DayHours> weekdayHours, String timeZone, List<LocalDate> holidays,
            boolean autoAssign) {
    }

    /** The hours of one weekday as given ({@code day}: MON … SUN). */
    public record DayHours(String day, LocalTime start, LocalTime end) {
    }

    /** Creates or changes a queue; no business hours means 24/7 (and then no holidays either). */
    @Transactional
    public SupportQueue save(String code, QueueChange change) {
        try {
            ZoneId.of(change.timeZone());
        } catch (DateTimeException e) {
            throw Problems.invalid("timeZone", "'" + change.timeZone() + "' is not a time zone");
        }
        LocalTime businessStart = change.businessStart();
        LocalTime businessEnd = change.businessEnd();
        String businessDays = change.businessDays();
        boolean perWeekday = change.weekdayHours() != null && !change.weekdayHours().isEmpty();
        if (perWeekday && (businessStart != null || businessEnd != null || businessDays != null)) {
            throw Problems.invalid("weekdayHours",
                    "give either weekdayHours or businessStart, businessEnd and businessDays, not both");
        }
        if ((businessStart == null) != (businessEnd == null) || (businessStart == null) != (businessDays == null)) {
            throw Problems.invalid("businessStart", "give businessStart, businessEnd and businessDays together, or none for 24/7");
        }
        if (businessStart != null && !businessEnd.isAfter(businessStart)) {
            throw Problems.invalid("businessEnd", "must be after businessStart");
        }
        if (businessStart == null && !perWeekday && change.holidays() != null && !change.holidays().isEmpty()) {
            throw Problems.invalid("holidays", "a 24/7 queue has no holidays; give business hours too");
        }
        String weekdayHours = null;
        if (perWeekday) {
            List<WeekdayHours> week = weekdayHours(change.weekdayHours());
            businessDays = week.stream().map(hours -> WeekdayHours.abbreviation(hours.day()))
                    .collect(Collectors.joining(","));
            WeekdayHours first = week.get(0);
            if (week.stream().allMatch(hours -> hours.start().equals(first.start()) && hours.end().equals(first.end()))) {
                // The same hours on every open day: stored as the single window, as before weekday hours existed.
                businessStart = first.start();
                businessEnd = first.end();
            } else {
                weekdayHours = WeekdayHours.format(week);
            }
        }
        SupportQueue queue = SupportQueue.<SupportQueue>findByIdOptional(code).orElseGet(() -> {
            SupportQueue created = new SupportQueue();
            created.code = code;
            return created;
        });
        queue.name = change.name();
        queue.skills = change.skills() == null ? new String[0] : change.skills().toArray(String[]::new);
        queue.businessStart = businessStart;
        queue.businessEnd = businessEnd;
        queue.businessDays = businessDays;
        queue.weekdayHours = weekdayHours;
        queue.timeZone = change.timeZone();
        queue.holidays = change.holidays() == null ? "" : change.holidays().stream().distinct().sorted()
                .map(LocalDate::toString).collect(Collectors.joining(","));
        queue.autoAssign = change.autoAssign();
        try {
            BusinessCalendar.of(queue);
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("businessDays", e.getMessage());
        }
        queue.persist();
        referenceData.changedInThisTransaction();
        return queue;
    }

    /** Checks every day's hours, naming each wrong one ({@code weekdayHours[2].end}); Monday first. */
    private static List<WeekdayHours> weekdayHours(List<DayHours> given) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Map<DayOfWeek, Integer> seen = new EnumMap<>(DayOfWeek.class);
        List<WeekdayHours> week = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            String field = "weekdayHours[" + i + "]";
            DayHours hours = given.get(i);
            if (hours == null) {
                errors.add(Problem.FieldError.field(field, "must not be null"));
                continue;
            }
            Optional<DayOfWeek> day = WeekdayHours.dayOf(hours.day());
            if (hours.day() == null || hours.day().isBlank()) {
                errors.add(Problem.FieldError.field(field + ".day", "is required (" + DAY_NAMES + ")"));
            } else if (day.isEmpty()) {
                errors.add(Problem.FieldError.field(field + ".day", "'" + hours.day() + "' is not a day (" + DAY_NAMES + ")"));
            } else if (seen.containsKey(day.get())) {
                errors.add(Problem.FieldError.field(field + ".day", WeekdayHours.abbreviation(day.get())
                        + " is given twice (also weekdayHours[" + seen.get(day.get()) + "])"));
            } else {
                seen.put(day.get(), i);
            }
            if (hours.start() == null) {
                errors.add(Problem.FieldError.field(field + ".start", "is required (HH:MM)"));
            }
            if (hours.end() == null) {
                errors.add(Problem.FieldError.field(field + ".end", "is required (HH:MM)"));
            } else if (hours.start() != null && !hours.end().isAfter(hours.start())) {
                errors.add(Problem.FieldError.field(field + ".end", "must be after start (" + hours.start() + ")"));
            }
            if (day.isPresent() && hours.start() != null && hours.end() != null) {
                week.add(new WeekdayHours(day.get(), hours.start(), hours.end()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(
                    errors.size() == 1 ? "The request has an invalid field" : "The request has invalid fields", errors));
        }
        week.sort(WeekdayHours.BY_DAY);
        return week;
    }

    public List<SlaPolicy> policies() {
        return SlaPolicy.<SlaPolicy>find("order by priority").list();
    }

    @Transactional
    public SlaPolicy savePolicy(Priority priority, int firstResponse, int nextResponse, int resolution) {
        SlaPolicy policy = SlaPolicy.<SlaPolicy>findByIdOptional(priority).orElseGet(() -> {
            SlaPolicy created = new SlaPolicy();
            created.priority = priority;
            return created;
        });
        policy.firstResponseMinutes = firstResponse;
        policy.nextResponseMinutes = nextResponse;
        policy.resolutionMinutes = resolution;
        policy.persist();
        referenceData.changedInThisTransaction();
        return policy;
    }
}
