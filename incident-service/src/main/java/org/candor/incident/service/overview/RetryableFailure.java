package org.candor.incident.service.overview;

import java.util.function.Predicate;

import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * A failure worth one more try: a timeout, a refused connection or a 5xx; never a 4xx answer, and never
 * while the circuit breaker keeps the service alone.
 */
public class RetryableFailure implements Predicate<Throwable> {

    @Override
    public boolean test(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return false;
        }
        return !(failure instanceof WebApplicationException answered) || answered.getResponse().getStatus() >= 500;
    }
}
