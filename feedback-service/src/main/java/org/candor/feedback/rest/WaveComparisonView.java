package org.candor.feedback.rest;

import org.candor.feedback.service.NpsMath;
import org.candor.feedback.service.StatisticsService;

/**
 * Two waves and what changed between them.
 *
 * @param nps NPS points, later wave minus earlier
 * @param csat percentage points of CSAT satisfied, later minus earlier
 * @param trust trust points on the 1–5 scale, later minus earlier
 */
public record WaveComparisonView(ScoreRowView earlier, ScoreRowView later, DifferenceView nps, DifferenceView csat,
        DifferenceView trust) {

    /**
     * A difference with its 95% interval; all null when either side has no answers.
     *
     * @param verdict {@code CHANGED} when the interval leaves out zero, else {@code NOT_DISTINGUISHABLE}
     */
    public record DifferenceView(Double difference, Double low, Double high, NpsMath.Verdict verdict) {

        static DifferenceView of(NpsMath.Difference difference) {
            return new DifferenceView(difference.difference(), difference.low(), difference.high(),
                    difference.verdict());
        }
    }

    static WaveComparisonView of(StatisticsService.WaveComparison comparison) {
        return new WaveComparisonView(ScoreRowView.of(comparison.earlier()), ScoreRowView.of(comparison.later()),
                DifferenceView.of(comparison.nps()), DifferenceView.of(comparison.csat()),
                DifferenceView.of(comparison.trust()));
    }
}
