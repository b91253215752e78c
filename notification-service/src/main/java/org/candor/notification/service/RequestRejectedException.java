package org.candor.notification.service;

import java.util.List;

import org.candor.platform.rest.Problem;

/** A notification request that can never be sent as it stands; each error names the field. */
public class RequestRejectedException extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public RequestRejectedException(List<Problem.FieldError> errors) {
        super("Notification request rejected: " + errors.stream().map(e -> e.field() + " " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse(""));
        this.errors = errors;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
