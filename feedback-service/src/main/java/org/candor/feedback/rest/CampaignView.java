package org.candor.feedback.rest;

import java.time.Instant;
import java.util.UUID;

import org.candor.feedback.service.CampaignService;

/**
 * A campaign and how far it has come.
 *
 * @param status {@code RUNNING} while batches remain, {@code DONE} once every matching customer was handled
 * @param invited customers invited so far
 * @param skippedFatigue customers left alone because they were invited within the fatigue period
 * @param skippedOptedOut customers left alone because they opted out of surveys
 */
public record CampaignView(UUID id, UUID surveyId, int surveyVersion, String segment, String country,
        UUID incidentId, String status, Instant startedAt, Instant finishedAt, int invited, int skippedFatigue,
        int skippedOptedOut) {

    static CampaignView of(CampaignService.Progress progress) {
        return new CampaignView(progress.id(), progress.surveyId(), progress.surveyVersion(), progress.segment(),
                progress.country(), progress.incidentId(), progress.finishedAt() == null ? "RUNNING" : "DONE",
                progress.startedAt(), progress.finishedAt(), progress.invited(), progress.skippedFatigue(),
                progress.skippedOptedOut());
    }
}
