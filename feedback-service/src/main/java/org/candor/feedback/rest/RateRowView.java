package org.candor.feedback.rest;

import java.time.LocalDate;

import org.candor.feedback.service.StatisticsService;

import io.quarkus.qute.TemplateData;

/**
 * Invited; of those, delivered (a provider accepted a delivery that did not bounce, or the link was opened),
 * bounced, not reached (every delivery failed for good) and awaiting an outcome; opened (the form), answered
 * (submitted); the percent of invited and of delivered that answered.
 */
@TemplateData
public record RateRowView(String group, LocalDate bucket, long invited, long delivered, long bounced,
        long notReached, long awaitingOutcome, long opened, long answered, Double responseRate,
        Double deliveredResponseRate) {

    static final String CSV_HEADER = "group,bucket,invited,delivered,bounced,notReached,awaitingOutcome,opened,"
            + "answered,responseRate,deliveredResponseRate";

    static RateRowView of(StatisticsService.RateRow row) {
        return new RateRowView(row.group(), row.bucket(), row.invited(), row.delivered(), row.bounced(),
                row.notReached(), row.awaitingOutcome(), row.opened(), row.answered(), row.responseRate(),
                row.deliveredResponseRate());
    }

    String csv() {
        return String.join(",", Csv.cell(group), Csv.cell(bucket), Csv.cell(invited), Csv.cell(delivered),
                Csv.cell(bounced), Csv.cell(notReached), Csv.cell(awaitingOutcome), Csv.cell(opened),
                Csv.cell(answered), Csv.cell(responseRate), Csv.cell(deliveredResponseRate));
    }
}
