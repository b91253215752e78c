package org.candor.platform.rest;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.stream.Collectors;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import io.quarkus.arc.Arc;

/**
 * Path, query, form and header parameters read strictly, in one place: text without NUL and within
 * {@link InputLimitsConfig#maxParameterLength()}, booleans only {@code true} or {@code false}, enums only by
 * one of their names, numbers and UUIDs only well formed. A refusal is a 400 problem naming the parameter
 * (JAX-RS would answer an unreadable query or path parameter with 404).
 */
@Provider
public class StrictParams implements ParamConverterProvider {

    /** Read when the first parameter is converted: converters are made before the runtime configuration exists. */
    private static volatile Integer maxParameterLength;

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (name == null) {
            return null;
        }
        IntSupplier maxLength = StrictParams::maxParameterLength;
        if (rawType == String.class) {
            return (ParamConverter<T>) new Strict<>(name, maxLength, "text", Function.identity());
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) new Strict<>(name, maxLength, "boolean (true or false)", value -> {
                return switch (value.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException();
                };
            });
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) new Strict<>(name, maxLength, "whole number", Integer::valueOf);
        }
        if (rawType == long.class || rawType == Long.class) {
            return (ParamConverter<T>) new Strict<>(name, maxLength, "whole number", Long::valueOf);
        }
        if (rawType == UUID.class) {
            return (ParamConverter<T>) new Strict<>(name, maxLength, "UUID", value -> {
                if (value.length() != 36) {
                    throw new IllegalArgumentException();
                }
                return UUID.fromString(value);
            });
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            String allowed = Arrays.stream(type.getEnumConstants()).map(constant -> ((Enum<?>) constant).name())
                    .collect(Collectors.joining(", "));
            return (ParamConverter<T>) new Strict<>(name, maxLength, "value (one of " + allowed + ")",
                    value -> Enum.valueOf(type, value));
        }
        return null;
    }

    private static int maxParameterLength() {
        Integer max = maxParameterLength;
        if (max == null) {
            max = Arc.container().instance(InputLimitsConfig.class).get().maxParameterLength();
            maxParameterLength = max;
        }
        return max;
    }

    private static String nameOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            } else if (annotation instanceof PathParam path) {
                return path.value();
            } else if (annotation instanceof FormParam form) {
                return form.value();
            } else if (annotation instanceof HeaderParam header) {
                return header.value();
            } else if (annotation instanceof CookieParam cookie) {
                return cookie.value();
            } else if (annotation instanceof MatrixParam matrix) {
                return matrix.value();
            }
        }
        return null;
    }

    private record Strict<T>(String name, IntSupplier maxLength, String expected, Function<String, T> parse)
            implements ParamConverter<T> {

        @Override
        public T fromString(String value) {
            if (value == null) {
                return null;
            }
            String reason = InputRules.textProblem(value, maxLength.getAsInt());
            if (reason == null) {
                try {
                    return parse.apply(value);
                } catch (IllegalArgumentException e) {
                    reason = "is not a valid " + expected;
                }
            }
            throw new WebApplicationException(Problem.invalid("The request has an invalid parameter",
                    List.of(Problem.FieldError.field(name, reason))).toResponse());
        }

        @Override
        public String toString(T value) {
            return value == null ? null : value instanceof Enum<?> constant ? constant.name() : value.toString();
        }
    }
}
