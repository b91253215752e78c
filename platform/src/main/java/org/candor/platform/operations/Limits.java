package org.candor.platform.operations;

import java.util.List;

import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

final class Limits {

    private Limits() {
    }

    /** {@code limit} if it lies between 1 and the configured most, else a 400 naming the parameter. */
    static int listSize(int limit, OperationsConfig config) {
        if (limit < 1 || limit > config.maxListSize()) {
            throw new ProblemException(Problem.invalid("limit is out of range", List.of(Problem.FieldError.field("limit",
                    "must be between 1 and " + config.maxListSize()))));
        }
        return limit;
    }
}
