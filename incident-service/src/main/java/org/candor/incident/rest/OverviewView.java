package org.candor.incident.rest;

import java.time.Instant;

import org.candor.incident.client.Summaries;
import org.candor.incident.service.overview.OverviewService.Overview;
import org.candor.incident.service.overview.Part;

/** The staff overview of one incident: its own facts and the other four services' parts. */
public record OverviewView(IncidentView incident, long affectedCustomers, Part<Summaries.Notification> notification,
        Part<Summaries.Support> support, Part<Summaries.Compliance> compliance, Part<Summaries.Feedback> feedback,
        Instant generatedAt) {

    static OverviewView of(Overview overview) {
        return new OverviewView(IncidentView.of(overview.incident()), overview.affectedCustomers(),
                overview.notification(), overview.support(), overview.compliance(), overview.feedback(),
                overview.generatedAt());
    }
}
