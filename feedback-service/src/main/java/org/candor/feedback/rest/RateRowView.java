package org.candor.feedback.rest;

import java.time.LocalDate;
import java.util.List;

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

    static final List<String> CSV_COLUMNS = List.of("group", "bucket", "invited", "delivered", "bounced",
            "notReached", "awaitingOutcome", "opened", "answered", "responseRate", "deliveredResponseRate");

    static RateRowView of(StatisticsService.RateRow row) {
        return new RateRowView(row.group(), row.bucket(), row.invited(), row.delivered(), row.bounced(),
                row.notReached(), row.awaitingOutcome(), row.opened(), row.answered(), row.responseRate(),
                row.deliveredResponseRate());
    }

    Object[] csvRow() {
        return new Object[] {group, bucket, invited, delivered, bounced, notReached, awaitingOutcome, opened,
            answered, responseRate, deliveredResponseRate};
    }
}
