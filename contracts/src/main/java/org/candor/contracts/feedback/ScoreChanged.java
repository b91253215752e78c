package org.candor.contracts.feedback;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * The scores of an incident's surveys changed since they were last published (checked daily).
 * Figures cover every submitted response about the incident so far.
 *
 * @param nps the Net Promoter Score (−100 to 100), or null without NPS answers
 * @param npsLow lower bound of the 95% confidence interval of the NPS, or null
 * @param npsHigh upper bound of the 95% confidence interval of the NPS, or null
 * @param trustMean the mean trust answer (1–5), or null without trust answers
 */
public record ScoreChanged(UUID incidentId, int responses, Double nps, Double npsLow, Double npsHigh,
        Double trustMean, Instant computedAt) implements CandorEvent {

    public static final String TYPE = "candor.feedback.score-changed.v1";

    @Override
    public String aggregateId() {
        return incidentId.toString();
    }
}
