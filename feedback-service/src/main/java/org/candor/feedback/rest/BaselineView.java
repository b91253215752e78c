package org.candor.feedback.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.candor.feedback.service.BaselineService;
import org.candor.feedback.service.StatisticsService;

/**
 * A baseline as imported, with its scores and their 95% intervals (as for a wave; null where not imported).
 *
 * @param incidentId null for the organisation's baseline
 */
public record BaselineView(UUID id, UUID incidentId, String label, LocalDate measuredFrom, LocalDate measuredTo,
        Integer promoters, Integer passives, Integer detractors, Integer csatAnswers, Integer csatSatisfied,
        List<Integer> trustCounts, Double nps, Double npsLow, Double npsHigh, Double csatSatisfiedShare,
        Double csatLow, Double csatHigh, Double trustMean, Double trustLow, Double trustHigh) {

    static BaselineView of(BaselineService.Stored stored) {
        BaselineService.Figures f = stored.figures();
        StatisticsService.ScoreRow s = stored.scores();
        return new BaselineView(stored.id(), f.incidentId(), f.label(), f.measuredFrom(), f.measuredTo(),
                f.promoters(), f.passives(), f.detractors(), f.csatAnswers(), f.csatSatisfied(), f.trustCounts(),
                s.nps().score(), s.nps().low(), s.nps().high(), s.csat().share(), s.csat().low(), s.csat().high(),
                s.trust().mean(), s.trust().low(), s.trust().high());
    }
}
