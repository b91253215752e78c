package org.candor.feedback.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.QueryParam;

import org.candor.feedback.service.StatisticsService;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

/** The filters and grouping of a statistics request, checked field by field. */
public class StatisticsQuery {

    @QueryParam("surveyId")
    String surveyId;
    @QueryParam("incidentId")
    String incidentId;
    @QueryParam("wave")
    String wave;
    @QueryParam("from")
    String from;
    @QueryParam("to")
    String to;
    @QueryParam("groupBy")
    String groupBy;
    @QueryParam("bucket")
    String bucket;

    record Parsed(StatisticsService.Filter filter, StatisticsService.Dimension groupBy,
            StatisticsService.Bucket bucket) {
    }

    Parsed parse() {
        List<Problem.FieldError> errors = new ArrayList<>();
        Parsed parsed = parse(errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The query has invalid parameters", errors));
        }
        return parsed;
    }

    /** The query, with what is wrong with it added to {@code errors}. */
    Parsed parse(List<Problem.FieldError> errors) {
        UUID survey = uuid("surveyId", surveyId, errors);
        UUID incident = uuid("incidentId", incidentId, errors);
        Integer waveNumber = wave("wave", wave, false, errors);
        LocalDate fromDay = date("from", from, errors);
        LocalDate toDay = date("to", to, errors);
        if (fromDay != null && toDay != null && toDay.isBefore(fromDay)) {
            errors.add(Problem.FieldError.field("to", "must not be before from"));
        }
        StatisticsService.Dimension dimension = choice("groupBy", groupBy, StatisticsService.Dimension.class,
                StatisticsService.Dimension.NONE, errors);
        StatisticsService.Bucket timeBucket = choice("bucket", bucket, StatisticsService.Bucket.class,
                StatisticsService.Bucket.NONE, errors);
        return new Parsed(new StatisticsService.Filter(survey, incident, waveNumber, fromDay, toDay), dimension,
                timeBucket);
    }

    /** A wave number (1 or more), or null when absent and not required. */
    static Integer wave(String field, String value, boolean required, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(Problem.FieldError.field(field, "is required"));
            }
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < 1) {
                errors.add(Problem.FieldError.field(field, "must be 1 or more"));
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            errors.add(Problem.FieldError.field(field, "must be a whole number"));
            return null;
        }
    }

    static UUID uuid(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            errors.add(Problem.FieldError.field(field, "must be a UUID"));
            return null;
        }
    }

    private static LocalDate date(String field, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(Problem.FieldError.field(field, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type, E fallback,
            List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(Problem.FieldError.field(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> constant.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
            return fallback;
        }
    }
}
