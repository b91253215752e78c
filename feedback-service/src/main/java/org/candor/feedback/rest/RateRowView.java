package org.candor.feedback.rest;

import java.time.LocalDate;

import org.candor.feedback.service.StatisticsService;

import io.quarkus.qute.TemplateData;

/** Invited, opened (the form), answered (submitted), and the percent answered. */
@TemplateData
public record RateRowView(String group, LocalDate bucket, long invited, long opened, long answered,
        Double responseRate) {

    static final String CSV_HEADER = "group,bucket,invited,opened,answered,responseRate";

    static RateRowView of(StatisticsService.RateRow row) {
        return new RateRowView(row.group(), row.bucket(), row.invited(), row.opened(), row.answered(),
                row.responseRate());
    }

    String csv() {
        return String.join(",", Csv.cell(group), Csv.cell(bucket), Csv.cell(invited), Csv.cell(opened),
                Csv.cell(answered), Csv.cell(responseRate));
    }
}
