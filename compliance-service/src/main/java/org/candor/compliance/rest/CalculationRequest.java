package org.candor.compliance.rest;

import java.util.List;
import java.util.Map;

/**
 * A what-if question: which deadlines apply to this organisation, these moments and these people.
 *
 * @param triggers trigger name (AWARENESS, ..., REPORT_SUBMITTED:&lt;REGIME_ID&gt;) to ISO 8601 timestamp with offset
 * @param riskLevel NONE_OR_UNLIKELY, RISK or HIGH_RISK; absent means a risk is assumed
 * @param dataCategories kinds of personal data affected, for regimes that depend on them
 */
public record CalculationRequest(Profile profile, Map<String, String> triggers, List<PopulationEntry> population,
        Boolean highRisk, String riskLevel, List<String> dataCategories) {

    /** The organisation as far as the calculation needs it. */
    public record Profile(String timezone, List<String> establishments, List<String> flags) {
    }

    /** People affected in a country, or in a region of it (ISO 3166-2, e.g. US-TX). */
    public record PopulationEntry(String country, String region, Long count) {
    }
}
