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
 * @param csatSatisfiedShare percent of CSAT answers that are 4 or 5
 * @param suppressed fewer responses than {@code candor.feedback.min-group-size} in a breakdown by a property of
 *     people (segment, country, locale, channel): the scores are withheld
 */
@TemplateData
public record ScoreRowView(String group, LocalDate bucket, long responses, long npsAnswers, long promoters,
        long passives, long detractors, Double nps, Double npsLow, Double npsHigh, List<Long> npsDistribution,
        long csatAnswers, Double csatSatisfiedShare, long trustAnswers, Double trustMean, boolean suppressed) {

    static final String CSV_HEADER = "group,bucket,responses,npsAnswers,promoters,passives,detractors,nps,npsLow,npsHigh,"
            + "csatAnswers,csatSatisfiedShare,trustAnswers,trustMean,suppressed";

    static ScoreRowView of(StatisticsService.ScoreRow row) {
        return new ScoreRowView(row.group(), row.bucket(), row.responses(), row.nps().n(), row.nps().promoters(),
                row.nps().passives(), row.nps().detractors(), row.nps().score(), row.nps().low(), row.nps().high(),
                Arrays.stream(row.npsDistribution()).boxed().toList(), row.csatAnswers(), row.csatShare(),
                row.trustAnswers(), row.trustMean(), row.suppressed());
    }

    String csv() {
        return String.join(",", Csv.cell(group), Csv.cell(bucket), Csv.cell(responses), Csv.cell(npsAnswers),
                Csv.cell(promoters), Csv.cell(passives), Csv.cell(detractors), Csv.cell(nps), Csv.cell(npsLow),
                Csv.cell(npsHigh), Csv.cell(csatAnswers), Csv.cell(csatSatisfiedShare), Csv.cell(trustAnswers),
                Csv.cell(trustMean), Csv.cell(suppressed));
    }
}
