package org.candor.compliance.domain.deadline;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.candor.contracts.incident.DataCategory;

/**
 * Everything the engine needs to know about one incident and the organisation, already validated.
 *
 * @param timezone the organisation's zone: every local time the catalogue does not fix
 * @param establishments ISO 3166-1 alpha-2 countries
 * @param triggers the moments known so far; AWARENESS is required
 * @param population affected people by country, and by region where known
 * @param riskLevel {@code NONE_OR_UNLIKELY}, {@code RISK}, {@code HIGH_RISK}, or null when not assessed
 */
public record Situation(ZoneId timezone, List<String> establishments, Set<Flag> flags, Map<TriggerKey, Instant> triggers,
        List<Population> population, boolean highRisk, String riskLevel, Set<DataCategory> dataCategories) {

    public static final String RISK_UNLIKELY = "NONE_OR_UNLIKELY";

    /** People affected in a country, or in one region (ISO 3166-2) of it. */
    public record Population(String country, String region, long count) {
    }

    public Situation {
        establishments = List.copyOf(establishments);
        flags = flags.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(flags);
        triggers = Map.copyOf(triggers);
        population = List.copyOf(population);
        dataCategories = dataCategories.isEmpty() ? EnumSet.noneOf(DataCategory.class) : EnumSet.copyOf(dataCategories);
        if (!triggers.containsKey(TriggerKey.AWARENESS)) {
            throw new IllegalArgumentException("AWARENESS is required");
        }
    }

    /** The population by country and region, totalled once per situation. */
    public Counts counts() {
        return new Counts(population);
    }

    /**
     * Country totals are the larger of the country-wide figure and the sum of its regions (a summary may
     * give either or both).
     */
    public static final class Counts {
        private final Map<String, Long> countries = new HashMap<>();
        private final Map<String, Long> regions = new HashMap<>();
        private final Map<String, Long> largestRegion = new HashMap<>();
        private final long total;

        Counts(List<Population> population) {
            Map<String, Long> countryWide = new HashMap<>();
            Map<String, Long> regionSums = new HashMap<>();
            for (Population entry : population) {
                if (entry.region() == null) {
                    countryWide.merge(entry.country(), entry.count(), Long::sum);
                } else {
                    regions.merge(entry.region(), entry.count(), Long::sum);
                    regionSums.merge(entry.country(), entry.count(), Long::sum);
                }
            }
            regions.forEach((region, count) -> largestRegion.merge(region.substring(0, 2), count, Math::max));
            long sum = 0;
            for (String country : union(countryWide, regionSums)) {
                long count = Math.max(countryWide.getOrDefault(country, 0L), regionSums.getOrDefault(country, 0L));
                countries.put(country, count);
                sum += count;
            }
            this.total = sum;
        }

        private static Set<String> union(Map<String, Long> a, Map<String, Long> b) {
            Set<String> keys = new java.util.HashSet<>(a.keySet());
            keys.addAll(b.keySet());
            return keys;
        }

        public long total() {
            return total;
        }

        public long country(String country) {
            return countries.getOrDefault(country, 0L);
        }

        public long region(String region) {
            return regions.getOrDefault(region, 0L);
        }

        public long largestRegion(String country) {
            return largestRegion.getOrDefault(country, 0L);
        }
    }
}
