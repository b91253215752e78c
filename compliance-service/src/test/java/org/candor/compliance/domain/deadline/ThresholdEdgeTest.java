package org.candor.compliance.domain.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.domain.deadline.Catalogues.situation;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.candor.compliance.domain.deadline.Catalogues.SituationBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every population threshold of the catalogue at its edge: one person below (n−1) the regime does not apply,
 * at the threshold (n) and one above (n+1) it does. The thresholds are the laws' own, written out here, so a
 * catalogue edit that moves one fails a test.
 */
class ThresholdEdgeTest {

    private final DeadlineEngine engine = new DeadlineEngine(Catalogues.shipped());

    /** Regime, place (country or ISO 3166-2 region), threshold (the law's number), whether it also needs high risk. */
    record Edge(String regime, String place, long threshold, boolean highRisk, Flag... flags) {
        @Override
        public String toString() {
            return regime + " at " + threshold + " in " + place;
        }
    }

    static List<Edge> edges() {
        return List.of(
                new Edge("GDPR_ART33", "DE", 1, false),
                new Edge("GDPR_ART34", "FR", 1, true),
                new Edge("UK_GDPR_ART33", "GB", 1, false),
                new Edge("HIPAA_INDIVIDUALS", "US-NJ", 1, false, Flag.HIPAA_COVERED_ENTITY),
                new Edge("HIPAA_HHS", "US-NJ", 1, false, Flag.HIPAA_COVERED_ENTITY),
                // More than 500 residents of one state or jurisdiction (45 CFR 164.406).
                new Edge("HIPAA_MEDIA", "US-NJ", 501, false, Flag.HIPAA_COVERED_ENTITY),
                // 500 or more consumers (16 CFR 314.4(j)).
                new Edge("FTC_SAFEGUARDS", "US-NJ", 500, false, Flag.GLBA_FINANCIAL_INSTITUTION),
                new Edge("US_CA_INDIVIDUALS", "US-CA", 1, false),
                // More than 500 California residents (Cal. Civ. Code 1798.82(f)).
                new Edge("US_CA_AG", "US-CA", 501, false),
                new Edge("US_CO_INDIVIDUALS", "US-CO", 1, false),
                new Edge("US_CO_AG", "US-CO", 500, false),
                new Edge("US_FL_INDIVIDUALS", "US-FL", 1, false),
                // 500 or more Florida individuals (Fla. Stat. 501.171(3)).
                new Edge("US_FL_AG", "US-FL", 500, false),
                new Edge("US_WA_INDIVIDUALS", "US-WA", 1, false),
                new Edge("US_WA_AG", "US-WA", 501, false),
                new Edge("US_NY_INDIVIDUALS", "US-NY", 1, false),
                new Edge("US_ME_INDIVIDUALS", "US-ME", 1, false),
                new Edge("US_TX_INDIVIDUALS", "US-TX", 1, false),
                // At least 250 Texas residents (Tex. Bus. & Com. Code 521.053(i)).
                new Edge("US_TX_AG", "US-TX", 250, false),
                new Edge("US_CT_INDIVIDUALS", "US-CT", 1, false),
                new Edge("US_VT_INDIVIDUALS", "US-VT", 1, false),
                new Edge("US_VT_AG", "US-VT", 1, false),
                new Edge("US_AZ_INDIVIDUALS", "US-AZ", 1, false),
                // More than 1,000 individuals (A.R.S. 18-552(B)).
                new Edge("US_AZ_AG", "US-AZ", 1001, false),
                new Edge("US_DE_INDIVIDUALS", "US-DE", 1, false),
                // More than 500 Delaware residents (6 Del. C. 12B-102(d)).
                new Edge("US_DE_AG", "US-DE", 501, false),
                new Edge("BR_LGPD_ANPD", "BR", 1, false),
                new Edge("BR_LGPD_DATA_SUBJECTS", "BR", 1, false),
                // Without significant harm, 500 or more individuals make a breach notifiable (PDPA s 26B(1)(b)).
                new Edge("SG_PDPA", "SG", 500, false),
                new Edge("IN_CERT_IN", "IN", 1, false),
                // Without hacking, sensitive data or high risk: 1,000 or more data subjects (PIPA Enforcement Decree).
                new Edge("KR_PIPA", "KR", 1000, false),
                new Edge("AU_NDB_ASSESSMENT", "AU", 1, false, Flag.AU_PRIVACY_ACT_ENTITY),
                new Edge("AU_NDB_STATEMENT", "AU", 1, true, Flag.AU_PRIVACY_ACT_ENTITY),
                new Edge("CA_PIPEDA", "CA", 1, true),
                new Edge("CH_FADP", "CH", 1, true));
    }

    static Stream<Arguments> cases() {
        return edges().stream().flatMap(edge -> Stream.of(
                Arguments.of(edge, edge.threshold() - 1, false),
                Arguments.of(edge, edge.threshold(), true),
                Arguments.of(edge, edge.threshold() + 1, true)));
    }

    private List<String> regimes(Edge edge, long people) {
        SituationBuilder situation = situation("America/New_York").aware("2026-01-15T09:00:00-05:00")
                .trigger("DISCOVERY", "2026-01-15T10:00:00-05:00").flags(edge.flags());
        if (edge.highRisk()) {
            situation.highRisk();
        }
        if (edge.place().contains("-")) {
            situation.peopleIn(edge.place(), people);
        } else {
            situation.people(edge.place(), people);
        }
        return engine.calculate(situation.build()).stream().map(Deadline::regime).toList();
    }

    @ParameterizedTest(name = "{0}: {1} people -> applies {2}")
    @MethodSource("cases")
    void thresholdEdge(Edge edge, long people, boolean applies) {
        if (applies) {
            assertThat(regimes(edge, people)).contains(edge.regime());
        } else {
            assertThat(regimes(edge, people)).doesNotContain(edge.regime());
        }
    }

    @ParameterizedTest(name = "HIPAA HHS with {0} people is due {1}")
    @MethodSource("hhsCases")
    void hipaaHhsFiveHundredMovesTheDeadlineFromTheYearEndToSixtyDays(long people, String due) {
        Deadline hhs = engine.calculate(situation("America/New_York").flags(Flag.HIPAA_COVERED_ENTITY)
                .aware("2026-01-15T09:00:00-05:00").trigger("DISCOVERY", "2026-01-15T10:00:00-05:00")
                .peopleIn("US-NJ", people).build()).stream().filter(d -> d.regime().equals("HIPAA_HHS")).findFirst()
                .orElseThrow();
        assertThat(hhs.dueAtLocal()).isEqualTo(OffsetDateTime.parse(due));
    }

    static Stream<Arguments> hhsCases() {
        return Stream.of(Arguments.of(499L, "2027-03-01T23:59:59-05:00"), Arguments.of(500L, "2026-03-16T23:59:59-04:00"),
                Arguments.of(501L, "2026-03-16T23:59:59-04:00"));
    }

    @ParameterizedTest(name = "Singapore with {0} people and significant harm applies")
    @MethodSource("belowSingaporeThreshold")
    void singaporeBelowFiveHundredStillAppliesWithSignificantHarm(long people) {
        List<String> regimes = engine.calculate(situation("Asia/Singapore").aware("2026-01-15T09:00:00+08:00")
                .people("SG", people).highRisk().build()).stream().map(Deadline::regime).toList();
        assertThat(regimes).contains("SG_PDPA");
    }

    static Stream<Long> belowSingaporeThreshold() {
        return Stream.of(1L, 499L);
    }

    @Test
    void everyRegimeWithAPopulationConditionHasItsEdgeTested() throws IOException {
        Set<String> withPopulation = new TreeSet<>();
        try (InputStream in = Catalogues.resource(Catalogues.REGIMES)) {
            for (JsonNode regime : new ObjectMapper().readTree(in).path("regimes")) {
                if (mentionsPopulation(regime.path("conditions"))) {
                    withPopulation.add(regime.path("id").asText());
                }
            }
        }
        assertThat(edges().stream().map(Edge::regime)).containsExactlyInAnyOrderElementsOf(withPopulation);
    }

    private static boolean mentionsPopulation(JsonNode conditions) {
        for (JsonNode condition : conditions) {
            if (condition.path("type").asText().equals("POPULATION") || mentionsPopulation(condition.path("anyOf"))) {
                return true;
            }
        }
        return false;
    }
}
