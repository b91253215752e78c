package org.candor.contracts.incident;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * How many people an incident affects, by country and region: emitted whenever the numbers change.
 *
 * @param counts one entry per country (region null) and per country and region where known
 */
public record AffectedPopulationSummarized(UUID incidentId, long total, List<PopulationCount> counts,
        List<DataCategory> dataCategories, Instant asOf) implements CandorEvent {

    public static final String TYPE = "candor.incident.population-summarized.v1";

    /**
     * @param country ISO 3166-1 alpha-2
     * @param region ISO 3166-2 (e.g. US-TX), or null for the whole country
     */
    public record PopulationCount(String country, String region, long count) {
    }

    @Override
    public String aggregateId() {
        return incidentId.toString();
    }
}
