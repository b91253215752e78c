package org.candor.platform.rest;

/** Thrown by a use case to answer with a problem detail, e.g. 409 for an illegal transition. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.detail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
