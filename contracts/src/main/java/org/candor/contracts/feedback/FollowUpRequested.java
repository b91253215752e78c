package org.candor.contracts.feedback;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A dissatisfied customer (a detractor) agreed to be contacted: support-service opens a callback ticket.
 *
 * @param scoreKind NPS or TRUST
 * @param score the score given (NPS 0–6, trust 1–2)
 * @param incidentId the incident the survey was about, or null
 */
public record FollowUpRequested(UUID followUpId, UUID surveyId, UUID incidentId, String customerId, String locale,
        String scoreKind, int score, Instant requestedAt) implements CandorEvent {

    public static final String TYPE = "candor.feedback.follow-up-requested.v1";

    @Override
    public String aggregateId() {
        return followUpId.toString();
    }
}
