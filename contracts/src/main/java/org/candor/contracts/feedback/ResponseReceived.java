package org.candor.contracts.feedback;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A survey response was submitted. It carries segment attributes only, never the person.
 *
 * @param surveyVersion the version of the survey that was answered
 * @param incidentId the incident the survey was about, or null
 * @param wave 1 for the first survey after an incident (or a ticket, or a campaign), 2 and up for follow-up waves
 * @param channel the ticket channel (HOTLINE, CHAT, EMAIL, WEB), or INCIDENT or CAMPAIGN
 * @param nps the NPS answer (0–10), or null
 * @param csat the CSAT answer (1–5), or null
 * @param trust the trust answer (1–5), or null
 */
public record ResponseReceived(UUID responseId, UUID surveyId, int surveyVersion, UUID incidentId, int wave,
        String locale, String country, String segment, String channel, Integer nps, Integer csat, Integer trust,
        Instant receivedAt) implements CandorEvent {

    public static final String TYPE = "candor.feedback.response-received.v1";

    @Override
    public String aggregateId() {
        return responseId.toString();
    }
}
