package org.candor.compliance.service;

import java.util.List;

/**
 * What the service knows for a GDPR Art. 33 notification, ready for a template in one language: times
 * formatted in the organisation's time zone, numbers in the language's format. A null or empty value is
 * not known yet; {@link #missing} names each such item once. {@link #checkpoint} is the audit chain's latest signed
 * checkpoint (null before the first), its time in UTC exactly as signed.
 */
public record Art33Facts(
        String lang,
        String timezone,
        String generatedAt,
        String organisation,
        String authority,
        String dpoName,
        String dpoEmail,
        String dpoPhone,
        String incidentTitle,
        String incidentSummary,
        String severity,
        String detectedAt,
        String awareAt,
        List<String> dataCategories,
        boolean specialCategories,
        String affectedTotal,
        String populationAsOf,
        List<Place> population,
        String riskLevel,
        String riskLikelihood,
        String riskImpact,
        boolean highRisk,
        String riskAssessedAt,
        List<Phase> phases,
        String peopleTold,
        String firstToldAt,
        Obligation obligation,
        List<FilingMade> filings,
        List<String> missing,
        AuditCheckpoints.Signed checkpoint) {

    /** People affected in a country or region. */
    public record Place(String country, String region, String count) {
    }

    /** A response phase entered (CONTAINED, ERADICATED, RECOVERED, CLOSED). */
    public record Phase(String phase, String at) {
    }

    /**
     * The GDPR_ART33 obligation itself.
     *
     * @param overdue the deadline passed without a notification
     * @param initialReference the reference of the notification this draft would complete (Art. 33(4)), if filed
     */
    public record Obligation(String status, String dueAt, boolean overdue, String justification,
            String initialReference, String initialSubmittedAt, String delayReason) {
    }

    /** A report already submitted for this incident, to any recipient. */
    public record FilingMade(String regime, String recipient, String phase, String submittedAt, String channel,
            String reference, boolean late) {
    }
}
