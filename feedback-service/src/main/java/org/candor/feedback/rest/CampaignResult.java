package org.candor.feedback.rest;

/** How many were invited, and how many were left alone because of the fatigue rule or their opt-out. */
public record CampaignResult(int invited, int skippedFatigue, int skippedOptedOut) {
}
