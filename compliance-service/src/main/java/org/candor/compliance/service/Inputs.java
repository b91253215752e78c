package org.candor.compliance.service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.candor.compliance.domain.deadline.Countries;
import org.candor.compliance.domain.deadline.Flag;
import org.candor.contracts.incident.DataCategory;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

/**
 * Checks request fields one by one and collects every problem with the field's path, so that a request
 * is either rejected as a whole with all its errors or applied.
 */
final class Inputs {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    void reject(String field, String message) {
        errors.add(Problem.FieldError.field(field, message));
    }

    /** Throws a 400 problem naming every rejected field, if any. */
    void throwIfInvalid(String detail) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid(detail, List.copyOf(errors)));
        }
    }

    ZoneId zone(String field, String value) {
        if (value == null || value.isBlank()) {
            reject(field, "is required (an IANA time zone such as Europe/Berlin)");
            return null;
        }
        try {
            ZoneId zone = ZoneId.of(value);
            if (!value.contains("/") && !"UTC".equals(value)) {
                reject(field, "'" + value + "' is not an IANA time zone name (e.g. Europe/Berlin)");
                return null;
            }
            return zone;
        } catch (RuntimeException e) {
            reject(field, "'" + value + "' is not an IANA time zone (e.g. Europe/Berlin)");
            return null;
        }
    }

    /** An instant from an ISO 8601 timestamp that must carry its offset (a local time may be ambiguous). */
    Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            reject(field, "is required");
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            if (parsesAsLocal(value)) {
                reject(field, "'" + value + "' has no offset; a local time can be ambiguous or nonexistent around a"
                        + " DST change, so give the offset (e.g. 2026-03-27T16:30:00+01:00)");
            } else {
                reject(field, "'" + value + "' is not an ISO 8601 timestamp with offset (e.g. 2026-03-27T16:30:00+01:00)");
            }
            return null;
        }
    }

    private static boolean parsesAsLocal(String value) {
        try {
            LocalDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    String country(String field, String value) {
        if (!Countries.isCountry(value)) {
            reject(field, value == null ? "is required (ISO 3166-1 alpha-2, e.g. DE)"
                    : "'" + value + "' is not an ISO 3166-1 alpha-2 country code (e.g. DE, US, GB)");
            return null;
        }
        return value;
    }

    List<String> countries(String field, List<String> values) {
        List<String> countries = new ArrayList<>();
        if (values == null) {
            return countries;
        }
        for (int i = 0; i < values.size(); i++) {
            String country = country(field + "[" + i + "]", values.get(i));
            if (country != null && !countries.contains(country)) {
                countries.add(country);
            }
        }
        return countries;
    }

    Set<Flag> flags(String field, List<String> values) {
        Set<Flag> flags = EnumSet.noneOf(Flag.class);
        if (values == null) {
            return flags;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            try {
                flags.add(Flag.valueOf(value));
            } catch (RuntimeException e) {
                reject(field + "[" + i + "]", "'" + value + "' is not a flag (one of "
                        + java.util.Arrays.toString(Flag.values()) + ")");
            }
        }
        return flags;
    }

    Set<DataCategory> categories(String field, List<String> values) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (values == null) {
            return categories;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            try {
                categories.add(DataCategory.valueOf(value));
            } catch (RuntimeException e) {
                reject(field + "[" + i + "]", "'" + value + "' is not a data category (one of "
                        + java.util.Arrays.toString(DataCategory.values()) + ")");
            }
        }
        return categories;
    }
}
