package org.candor.support.rest;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import org.candor.support.service.Problems;
import org.candor.support.service.TicketListQuery;

/** Reads query parameters, naming the parameter when its value is wrong. */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw Problems.invalid(field, "'" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    static UUID uuid(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw Problems.invalid(field, "'" + value + "' is not a UUID");
        }
    }

    static Boolean bool(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw Problems.invalid(field, "'" + value + "' is neither true nor false");
        };
    }

    /**
     * Search text for the ticket list, or null when there is none. Any words are accepted (PostgreSQL reads them as
     * web search syntax and never fails on them); refused are text longer than
     * {@link TicketListQuery#MAX_SEARCH_LENGTH}, control characters, and text without a letter or digit to search for.
     */
    static String search(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.strip();
        if (text.length() > TicketListQuery.MAX_SEARCH_LENGTH) {
            throw Problems.invalid(field, "is longer than " + TicketListQuery.MAX_SEARCH_LENGTH + " characters");
        }
        if (text.chars().anyMatch(Character::isISOControl)) {
            throw Problems.invalid(field, "must not contain control characters");
        }
        if (text.codePoints().noneMatch(Character::isLetterOrDigit)) {
            throw Problems.invalid(field, "has no word to search for");
        }
        return text;
    }
}
