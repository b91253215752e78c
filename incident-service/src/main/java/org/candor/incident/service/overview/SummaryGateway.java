package org.candor.incident.service.overview;

import java.util.UUID;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.candor.incident.client.ComplianceSummaryClient;
import org.candor.incident.client.FeedbackSummaryClient;
import org.candor.incident.client.NotificationSummaryClient;
import org.candor.incident.client.Summaries;
import org.candor.incident.client.SupportSummaryClient;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.RetryWhen;
import io.smallrye.mutiny.Uni;

/**
 * Reads the other services' summaries of an incident. Each read has a timeout, one retry (not after a 4xx)
 * and a circuit breaker, and falls back to "unavailable" so that one service being down never takes the
 * overview with it. The policy is declared once for the class; each method still has its own circuit
 * breaker, and the limits can be tuned per method with the MicroProfile Fault Tolerance properties.
 */
@ApplicationScoped
@Timeout(1000)
@Retry(maxRetries = 1, delay = 100, jitter = 50)
@RetryWhen(exception = RetryableFailure.class)
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 10_000, successThreshold = 1)
public class SummaryGateway {

    private static final Logger LOG = Logger.getLogger(SummaryGateway.class);

    private final NotificationSummaryClient notification;
    private final SupportSummaryClient support;
    private final ComplianceSummaryClient compliance;
    private final FeedbackSummaryClient feedback;

    SummaryGateway(@RestClient NotificationSummaryClient notification, @RestClient SupportSummaryClient support,
            @RestClient ComplianceSummaryClient compliance, @RestClient FeedbackSummaryClient feedback) {
        this.notification = notification;
        this.support = support;
        this.compliance = compliance;
        this.feedback = feedback;
    }

    @Fallback(fallbackMethod = "notificationUnavailable")
    public Uni<Part<Summaries.Notification>> notification(UUID incidentId, String authorization) {
        return notification.summary(incidentId, authorization).map(Part::of);
    }

    @Fallback(fallbackMethod = "supportUnavailable")
    public Uni<Part<Summaries.Support>> support(UUID incidentId, String authorization) {
        return support.summary(incidentId, authorization).map(Part::of);
    }

    @Fallback(fallbackMethod = "complianceUnavailable")
    public Uni<Part<Summaries.Compliance>> compliance(UUID incidentId, String authorization) {
        return compliance.summary(incidentId, authorization).map(Part::of);
    }

    @Fallback(fallbackMethod = "feedbackUnavailable")
    public Uni<Part<Summaries.Feedback>> feedback(UUID incidentId, String authorization) {
        return feedback.summary(incidentId, authorization).map(Part::of);
    }

    Uni<Part<Summaries.Notification>> notificationUnavailable(UUID incidentId, String authorization, Throwable failure) {
        return Uni.createFrom().item(Part.unavailable(reason("notification-service", failure)));
    }

    Uni<Part<Summaries.Support>> supportUnavailable(UUID incidentId, String authorization, Throwable failure) {
        return Uni.createFrom().item(Part.unavailable(reason("support-service", failure)));
    }

    Uni<Part<Summaries.Compliance>> complianceUnavailable(UUID incidentId, String authorization, Throwable failure) {
        return Uni.createFrom().item(Part.unavailable(reason("compliance-service", failure)));
    }

    Uni<Part<Summaries.Feedback>> feedbackUnavailable(UUID incidentId, String authorization, Throwable failure) {
        return Uni.createFrom().item(Part.unavailable(reason("feedback-service", failure)));
    }

    /** Says why a part is missing, in words an incident commander can act on. */
    private static String reason(String service, Throwable failure) {
        String reason;
        if (failure instanceof TimeoutException
                || failure instanceof org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException) {
            reason = service + " did not answer in time";
        } else if (failure instanceof CircuitBreakerOpenException) {
            reason = service + " is failing; not asked again for a few seconds";
        } else if (failure instanceof WebApplicationException answered) {
            reason = service + " answered HTTP " + answered.getResponse().getStatus();
        } else {
            reason = service + " is unreachable";
        }
        LOG.warnf("Overview without %s: %s", service, failure.toString());
        return reason;
    }
}
