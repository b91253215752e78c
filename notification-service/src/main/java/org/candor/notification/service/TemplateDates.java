package org.candor.notification.service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;

/**
 * Times that requests carry as ISO 8601 instants, written for people in the template's language:
 * {@code {p.expiresAt.dateTime('de')}} gives "20. Dezember 2026, 02:20 UTC". The time zone is said, not assumed:
 * a message does not know where its reader is.
 */
public final class TemplateDates {

    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);
    private static final DateTimeFormatter GERMAN = DateTimeFormatter.ofPattern("d. MMMM yyyy, HH:mm 'Uhr UTC'",
            Locale.GERMAN);

    private TemplateDates() {
    }

    /** The instant as a date and time in {@code language}, or the value as it is when it is not an instant. */
    @TemplateExtension
    static String dateTime(Object value, String language) {
        if (value == null) {
            return "";
        }
        try {
            Instant instant = Instant.parse(value.toString());
            return ("de".equals(language) ? GERMAN : ENGLISH).format(instant.atZone(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return value.toString();
        }
    }
}
