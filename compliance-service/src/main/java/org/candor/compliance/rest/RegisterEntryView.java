package org.candor.compliance.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One incident in the breach register (GDPR Art. 33(5)): the facts, the effects, each regime's outcome and
 * the evidence that people were told. Ids, counts and the public title only: no personal data.
 *
 * @param notified whether any report has been submitted for the incident
 * @param peopleTold distinct affected customers with at least one delivered message
 */
public record RegisterEntryView(UUID incidentId, String title, String severity, Instant detectedAt, Instant awareAt,
        List<String> dataCategories, Long affectedPeople, String riskLevel, boolean highRisk, boolean notified,
        List<RegimeOutcome> regimes, long peopleTold, Instant firstToldAt, Instant lastToldAt) {

    /**
     * How one obligation ended or stands.
     *
     * @param filedAt when the first report was submitted
     * @param reference the first report's reference
     * @param filings how many reports were submitted (phased reporting gives several)
     * @param justification why the obligation is not required, when it is not
     */
    public record RegimeOutcome(String regime, String recipient, String status, Instant dueAt, boolean asap,
            Instant filedAt, String reference, int filings, boolean late, String lateReason, String justification) {
    }
}
