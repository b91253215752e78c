package org.candor.platform.rest;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The JSON every Candor API accepts, strict in one place: nothing after the value, no NUL character and no
 * string longer than {@link InputLimitsConfig#maxJsonStringLength()}, strings only where text is expected,
 * timestamps only as ISO 8601 text with an offset, no {@code null} inside a list, no enum by its number.
 * Each refusal names the field (see {@link ProblemMappers}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    private final InputLimitsConfig limits;

    public StrictJson(InputLimitsConfig limits) {
        this.limits = limits;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.setDefaultLeniency(false);
        for (Class<?> container : List.of(List.class, Set.class, Collection.class)) {
            mapper.configOverride(container).setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL));
        }
        mapper.registerModule(new SimpleModule("candor-strict-input")
                .addDeserializer(String.class, new TextDeserializer(limits.maxJsonStringLength()))
                .addDeserializer(Instant.class, new TimestampDeserializer<>(Instant.class, OffsetDateTime::toInstant))
                .addDeserializer(OffsetDateTime.class, new TimestampDeserializer<>(OffsetDateTime.class,
                        Function.identity()))
                .addDeserializer(ZonedDateTime.class, new TimestampDeserializer<>(ZonedDateTime.class,
                        OffsetDateTime::toZonedDateTime)));
    }

    @Override
    public int priority() {
        // After Quarkus's own customizers (a lower priority comes later): the module registered last wins.
        return MINIMUM_PRIORITY;
    }

    /** Text only from JSON strings, without NUL (PostgreSQL refuses it) and within the length bound. */
    static final class TextDeserializer extends StdScalarDeserializer<String> {

        private final int maxLength;

        TextDeserializer(int maxLength) {
            super(String.class);
            this.maxLength = maxLength;
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            String text = parser.getText();
            String reason = InputRules.textProblem(text, maxLength);
            if (reason != null) {
                throw JsonMappingException.from(parser, reason);
            }
            return text;
        }
    }

    /** A point in time only as ISO 8601 text with an offset: no bare numbers, no local times. */
    static final class TimestampDeserializer<T> extends StdScalarDeserializer<T> {

        private final transient Function<OffsetDateTime, T> convert;

        TimestampDeserializer(Class<T> type, Function<OffsetDateTime, T> convert) {
            super(type);
            this.convert = convert;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (T) context.handleUnexpectedToken(handledType(), parser);
            }
            String text = parser.getText().trim();
            try {
                return convert.apply(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME));
            } catch (DateTimeParseException e) {
                return (T) context.handleWeirdStringValue(handledType(), text, "not ISO 8601 with an offset");
            }
        }
    }
}
