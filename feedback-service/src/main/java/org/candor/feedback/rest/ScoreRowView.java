package org.candor.feedback.rest;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.candor.feedback.service.StatisticsService;

import io.quarkus.qute.TemplateData;

/**
 * Scores of one group and time bucket.
 *
 * @param bucket the first day of the day or week, or null when not bucketed
 * @param nps the Net Promoter Score (−100..100), with {@code npsLow}/{@code npsHigh} its 95% confidence interval
 * @param npsDistribution answers per NPS score 0–10
 * @param csatSatisfiedShare percent of CSAT answers that are 4 or 5, with {@code csatLow}/{@code csatHigh} its 95%
 *     interval (Wilson score)
 * @param trustMean mean trust 1–5, with {@code trustLow}/{@code trustHigh} its 95% interval
 * @param suppressed fewer responses than {@code candor.feedback.min-group-size} in a breakdown by a property of
 *     people (segment, country, locale, channel): the scores are withheld
 */
@TemplateData
public record ScoreRowView(String group, LocalDate bucket, long responses, long npsAnswers, long promoters,
        long passives, long detractors, Double nps, Double npsLow, Double npsHigh, List<Long> npsDistribution,
        long csatAnswers, Double csatSatisfiedShare, Double csatLow, Double csatHigh, long trustAnswers,
        Double trustMean, Double trustLow, Double trustHigh, boolean suppressed) {

    static final List<String> CSV_COLUMNS = List.of("group", "bucket", "responses", "npsAnswers", "promoters",
            "passives", "detractors", "nps", "npsLow", "npsHigh", "csatAnswers", "csatSatisfiedShare", "csatLow",
            "csatHigh", "trustAnswers", "trustMean", "trustLow", "trustHigh", "suppressed");

    static ScoreRowView of(StatisticsService.ScoreRow row) {
        return new ScoreRowView(row.group(), row.bucket(), row.responses(), row.nps().n(), row.nps().promoters(),
                row.nps().passives(), row.nps().detractors(), row.nps().score(), row.nps().low(), row.nps().high(),
                Arrays.stream(row.npsDistribution()).boxed().toList(), row.csatAnswers(), row.csatShare(),
                row.csat().low(), row.csat().high(), row.trustAnswers(), row.trustMean(), row.trust().low(),
                row.trust().high(), row.suppressed());
    }

    Object[] csvRow() {
        return new Object[] {group, bucket, responses, npsAnswers, promoters, passives, detractors, nps, npsLow,
            npsHigh, csatAnswers, csatSatisfiedShare, csatLow, csatHigh, trustAnswers, trustMean, trustLow, trustHigh,
            suppressed};
    }
}
