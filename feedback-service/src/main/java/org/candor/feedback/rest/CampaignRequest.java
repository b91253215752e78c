package org.candor.feedback.rest;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A manual campaign: who to invite.
 *
 * @param segment the customer segment, e.g. {@code retail}
 * @param country only customers of this ISO 3166-1 alpha-2 country, or null for all
 * @param incidentId only customers affected by this incident, or null for all
 */
public record CampaignRequest(@NotBlank @Size(max = 64) String segment, @Pattern(regexp = "[A-Z]{2}") String country,
        UUID incidentId) {
}
