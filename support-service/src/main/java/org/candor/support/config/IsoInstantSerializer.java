package org.candor.support.config;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

/**
 * Jackson's default instant serializer, with the text written by hand instead of through
 * {@code DateTimeFormatter.ISO_INSTANT}: the same characters ({@code 2026-11-28T09:15:00.123456Z}, the
 * fraction in groups of three digits and absent when zero), for a fraction of the CPU. Every ticket in a
 * list carries several instants. Anything else (timestamps, a {@code @JsonFormat}, years outside
 * 1000–9999) is left to Jackson's own serializer.
 */
public final class IsoInstantSerializer extends InstantSerializer {

    private static final long FIRST = LocalDateTime.of(1000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
    private static final long LAST = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

    public IsoInstantSerializer() {
        super();
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        long seconds = value.getEpochSecond();
        if (_formatter != null || _shape != null || seconds < FIRST || seconds > LAST || useTimestamp(provider)) {
            super.serialize(value, generator, provider);
            return;
        }
        char[] text = new char[30];
        int length = format(seconds, value.getNano(), text);
        generator.writeString(text, 0, length);
    }

    /** Writes what {@link Instant#toString()} writes for a year from 1000 to 9999; returns the length. */
    static int format(long epochSecond, int nano, char[] text) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        int i = digits(time.getYear(), 4, text, 0);
        text[i++] = '-';
        i = digits(time.getMonthValue(), 2, text, i);
        text[i++] = '-';
        i = digits(time.getDayOfMonth(), 2, text, i);
        text[i++] = 'T';
        i = digits(time.getHour(), 2, text, i);
        text[i++] = ':';
        i = digits(time.getMinute(), 2, text, i);
        text[i++] = ':';
        i = digits(time.getSecond(), 2, text, i);
        if (nano > 0) {
            text[i++] = '.';
            if (nano % 1_000_000 == 0) {
                i = digits(nano / 1_000_000, 3, text, i);
            } else if (nano % 1000 == 0) {
                i = digits(nano / 1000, 6, text, i);
            } else {
                i = digits(nano, 9, text, i);
            }
        }
        text[i++] = 'Z';
        return i;
    }

    private static int digits(int value, int width, char[] text, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
