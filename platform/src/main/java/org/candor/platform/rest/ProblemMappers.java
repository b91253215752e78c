package org.candor.platform.rest;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Every error a Candor API returns is an RFC 9457 problem+json body. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response invalidInput(ResteasyReactiveViolationException e) {
        return violations(e);
    }

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e) {
        return violations(e);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return unparsable(e);
    }

    @ServerExceptionMapper
    public Response unreadableField(MismatchedInputException e) {
        String field = path(e);
        String message;
        if (e instanceof InvalidFormatException invalid) {
            message = "'" + abbreviate(String.valueOf(invalid.getValue())) + "' is not a valid "
                    + describe(invalid.getTargetType());
        } else if (e instanceof UnrecognizedPropertyException) {
            message = "unknown field";
        } else if (e instanceof InvalidNullException) {
            message = "must not be null";
        } else if (field.isEmpty() && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return Problem.invalid("The body has more after its JSON value", List.of()).toResponse();
        } else if (field.isEmpty()) {
            return Problem.invalid("The body is missing or is not a JSON object", List.of()).toResponse();
        } else {
            message = "has the wrong type, expected " + describe(e.getTargetType());
        }
        return Problem.invalid("The body has an invalid field", List.of(Problem.FieldError.field(field, message)))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unreadable(JsonMappingException e) {
        String field = path(e);
        return Problem.invalid("The body could not be read",
                field.isEmpty() ? List.of() : List.of(Problem.FieldError.field(field, e.getOriginalMessage())))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return e.problem().toResponse();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized("A valid bearer token is required");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized("The bearer token is invalid or has expired");
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problem.of(Response.Status.FORBIDDEN, "Your role does not allow this").toResponse();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, jakarta.ws.rs.core.HttpHeaders headers) {
        if (e.getResponse().getEntity() instanceof Problem problem) {
            return problem.toResponse();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json);
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return serverError(e);
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed here";
            case 406 -> "No acceptable representation";
            case 415 -> "This operation does not read " + (headers.getMediaType() == null ? "a body without Content-Type"
                    : headers.getMediaType().getType() + "/" + headers.getMediaType().getSubtype())
                    + "; the media types it reads are listed in /q/openapi";
            default -> status.getReasonPhrase();
        };
        return new Problem("https://candor.dev/problems/" + status.getStatusCode(), status.getReasonPhrase(),
                status.getStatusCode(), detail, List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof IllegalArgumentException && unreadableForm(e)) {
            return Problem.invalid("The body is not a readable form (application/x-www-form-urlencoded)", List.of())
                    .toResponse();
        }
        return serverError(e);
    }

    /**
     * The JSON reader hands on a mismatched input as it is, but wraps every other parse or mapping error in a
     * bare 400 (the reason and the field would be lost): it is answered here as if it had been thrown itself.
     */
    private Response unreadableJson(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatched) {
            return unreadableField(mismatched);
        }
        if (e instanceof JsonMappingException mapping) {
            return unreadable(mapping);
        }
        if (e instanceof StreamReadException read) {
            return unparsable(read);
        }
        return Problem.invalid("The body could not be read", List.of()).toResponse();
    }

    private static Response unparsable(StreamReadException e) {
        if (afterTheValue(e)) {
            return Problem.invalid("The body has more after its JSON value", List.of()).toResponse();
        }
        JsonLocation location = e.getLocation();
        return Problem.invalid("The body is not valid JSON" + (location == null ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"), List.of())
                .toResponse();
    }

    /**
     * Whether the parser failed on what followed a whole value, such as a stray {@code '}'}: Jackson looks past
     * the value only when it refuses trailing tokens ({@link StrictJson}).
     */
    private static boolean afterTheValue(StreamReadException e) {
        return java.util.Arrays.stream(e.getStackTrace()).limit(16)
                .anyMatch(frame -> frame.getMethodName().equals("_verifyNoTrailingTokens")
                        && frame.getClassName().startsWith("com.fasterxml.jackson.databind."));
    }

    /** A form body with broken percent-encoding fails while RESTEasy decodes it, before any resource runs. */
    private static boolean unreadableForm(Exception e) {
        return java.util.Arrays.stream(e.getStackTrace()).limit(8)
                .anyMatch(frame -> frame.getClassName().endsWith("FormUrlEncodedProvider")
                        || frame.getClassName().contains("FormEncodedDataDefinition"));
    }

    private static Response serverError(Exception e) {
        // The log gets the trace under an id; the client gets only the id.
        String errorId = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected error %s", errorId);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "Unexpected error; reference " + errorId)
                .toResponse();
    }

    private static Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(Response.Status.UNAUTHORIZED, detail).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .build();
    }

    private static Response violations(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> Problem.FieldError.field(field(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return Problem.invalid("The request has invalid fields", errors).toResponse();
    }

    /** The field path below the resource method's parameter, e.g. {@code title} for {@code declare.request.title}. */
    private static String field(ConstraintViolation<?> violation) {
        List<String> names = new java.util.ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, CROSS_PARAMETER, RETURN_VALUE -> names.clear();
                default -> names.add(node.getName());
            }
        }
        return String.join(".", names);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** Echoes at most the start of a rejected value: it may be huge, or not meant to be shown. */
    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            return "value (one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", ")) + ")";
        }
        return switch (type.getSimpleName()) {
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> "timestamp (ISO 8601 with offset, e.g. 2026-03-27T16:30:00+01:00)";
            case "LocalDate" -> "date (YYYY-MM-DD)";
            case "UUID" -> "UUID";
            default -> type.getSimpleName();
        };
    }
}
