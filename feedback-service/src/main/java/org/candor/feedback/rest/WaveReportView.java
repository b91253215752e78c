package org.candor.feedback.rest;

import java.util.List;
import java.util.UUID;

import org.candor.feedback.service.BaselineService;
import org.candor.feedback.service.StatisticsService;

/**
 * An incident's waves, each beside the baseline and the wave before it.
 *
 * @param baseline the incident's newest baseline, else the organisation's; null when none was imported
 */
public record WaveReportView(UUID incidentId, BaselineView baseline, List<WaveView> waves) {

    /**
     * One wave's scores and what changed.
     *
     * @param versusBaseline differences to the baseline (wave minus baseline); null without a baseline
     * @param versusPrevious differences to the wave before; null for the first wave
     */
    public record WaveView(int wave, ScoreRowView scores, Differences versusBaseline, Differences versusPrevious) {
    }

    /** NPS points, CSAT percentage points and trust points, each with its interval and verdict. */
    public record Differences(WaveComparisonView.DifferenceView nps, WaveComparisonView.DifferenceView csat,
            WaveComparisonView.DifferenceView trust) {

        static Differences of(StatisticsService.WaveComparison comparison) {
            return comparison == null ? null
                    : new Differences(WaveComparisonView.DifferenceView.of(comparison.nps()),
                            WaveComparisonView.DifferenceView.of(comparison.csat()),
                            WaveComparisonView.DifferenceView.of(comparison.trust()));
        }
    }

    static WaveReportView of(BaselineService.Report report) {
        return new WaveReportView(report.incidentId(),
                report.baseline() == null ? null : BaselineView.of(report.baseline()),
                report.waves().stream().map(wave -> new WaveView(Integer.parseInt(wave.scores().group()),
                        ScoreRowView.of(wave.scores()), Differences.of(wave.versusBaseline()),
                        Differences.of(wave.versusPrevious()))).toList());
    }
}
