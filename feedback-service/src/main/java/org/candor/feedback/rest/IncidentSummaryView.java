package org.candor.feedback.rest;

import java.util.UUID;

import org.candor.feedback.service.StatisticsService;

/**
 * What incident-service's overview shows of an incident's feedback: mean trust (1–5), NPS
 * (−100..100), response rate (0..1) and the latest wave; nulls where nothing was measured yet.
 */
public record IncidentSummaryView(UUID incidentId, long responses, Double trustScore, Double nps,
        Double responseRate, Integer latestWave) {

    static IncidentSummaryView of(UUID incidentId, StatisticsService.IncidentSummary summary) {
        return new IncidentSummaryView(incidentId, summary.responses(), summary.trustMean(), summary.nps(),
                summary.responseRate(), summary.latestWave());
    }
}
