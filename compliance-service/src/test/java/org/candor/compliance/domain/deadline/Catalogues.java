package org.candor.compliance.domain.deadline;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.candor.contracts.incident.DataCategory;

/** The shipped catalogue, and a small builder for situations in tests. */
public final class Catalogues {

    public static final String REGIMES = "catalogue/regimes.json";
    public static final String CALENDARS = "catalogue/holiday-calendars.json";
    private static RegimeCatalogue shipped;

    private Catalogues() {
    }

    public static synchronized RegimeCatalogue shipped() {
        if (shipped == null) {
            shipped = RegimeCatalogue.read(REGIMES, resource(REGIMES), CALENDARS, resource(CALENDARS));
        }
        return shipped;
    }

    public static RegimeCatalogue withRegimes(String regimesJson) {
        return RegimeCatalogue.read("test-regimes.json",
                new ByteArrayInputStream(regimesJson.getBytes(StandardCharsets.UTF_8)), CALENDARS, resource(CALENDARS));
    }

    public static InputStream resource(String name) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(name);
    }

    public static SituationBuilder situation(String zone) {
        return new SituationBuilder(ZoneId.of(zone));
    }

    /** Builds a {@link Situation}; timestamps are ISO 8601 with offset. */
    public static final class SituationBuilder {
        private final ZoneId zone;
        private final List<String> establishments = new ArrayList<>();
        private final Set<Flag> flags = EnumSet.noneOf(Flag.class);
        private final Map<TriggerKey, Instant> triggers = new HashMap<>();
        private final List<Situation.Population> population = new ArrayList<>();
        private final Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        private boolean highRisk;
        private String riskLevel;

        SituationBuilder(ZoneId zone) {
            this.zone = zone;
        }

        public SituationBuilder establishedIn(String... countries) {
            establishments.addAll(List.of(countries));
            return this;
        }

        public SituationBuilder flags(Flag... set) {
            flags.addAll(List.of(set));
            return this;
        }

        public SituationBuilder trigger(String name, String at) {
            triggers.put(TriggerKey.parse(name), OffsetDateTime.parse(at).toInstant());
            return this;
        }

        public SituationBuilder aware(String at) {
            return trigger("AWARENESS", at);
        }

        public SituationBuilder people(String country, long count) {
            population.add(new Situation.Population(country, null, count));
            return this;
        }

        public SituationBuilder peopleIn(String region, long count) {
            population.add(new Situation.Population(region.substring(0, 2), region, count));
            return this;
        }

        public SituationBuilder highRisk() {
            highRisk = true;
            return this;
        }

        public SituationBuilder riskLevel(String level) {
            riskLevel = level;
            return this;
        }

        public SituationBuilder categories(DataCategory... set) {
            categories.addAll(List.of(set));
            return this;
        }

        public Situation build() {
            return new Situation(zone, establishments, flags, triggers, population, highRisk, riskLevel, categories);
        }
    }
}
