package org.candor.platform.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail: what went wrong and, for invalid input, where.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of the kind of problem
 * @param status the HTTP status code
 * @param detail what went wrong this time
 * @param errors each invalid field (or line) and why, when the input was at fault
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /**
     * One reason the input was rejected.
     *
     * @param field the JSON path of the field, e.g. {@code severity} or {@code triggers.AWARENESS}
     * @param line the input line, for line-oriented input such as CSV
     * @param message why it was rejected
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FieldError(String field, Long line, String message) {

        public static FieldError field(String field, String message) {
            return new FieldError(field, null, message);
        }
    }

    public static Problem of(Response.Status status, String detail) {
        return new Problem(typeOf(status.getStatusCode()), status.getReasonPhrase(), status.getStatusCode(), detail,
                List.of());
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem(typeOf(400), "Bad Request", 400, detail, errors);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    private static String typeOf(int status) {
        return "https://candor.dev/problems/" + status;
    }
}
