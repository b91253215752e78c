package org.candor.support.service;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

/** The problem details this service's use cases answer with. */
public final class Problems {

    private Problems() {
    }

    /** 400: {@code field} is wrong. */
    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.invalid("The request has an invalid field",
                List.of(Problem.FieldError.field(field, message))));
    }

    /** 404: no such thing. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, detail));
    }

    /** 409: the request conflicts with the current state; {@code field} says which part. */
    public static ProblemException conflict(String field, String message) {
        return new ProblemException(new Problem("https://candor.dev/problems/409", "Conflict", 409, message,
                List.of(Problem.FieldError.field(field, message))));
    }
}
