package org.candor.compliance.domain.deadline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** Every affected person either falls under a regime of the catalogue or is named in a visible warning. */
class CatalogueGapTest {

    /** The 50 states, DC and the five inhabited territories plus the minor outlying islands (ISO 3166-2:US). */
    private static final List<String> US_JURISDICTIONS = List.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL",
            "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE",
            "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT",
            "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "UM", "VI");

    private final RegimeCatalogue catalogue = Catalogues.shipped();

    @Test
    void illinoisAndMassachusettsResidentsAreNamedAsPlacesWithoutARule() {
        List<CatalogueGap> gaps = catalogue.gaps(List.of(new Situation.Population("US", "US-IL", 40),
                new Situation.Population("US", "US-MA", 300), new Situation.Population("US", "US-CA", 10)));

        assertThat(gaps).extracting(CatalogueGap::region).containsExactly("US-MA", "US-IL");
        assertThat(gaps).extracting(CatalogueGap::people).containsExactly(300L, 40L);
        assertThat(gaps.get(1).warning()).contains("US-IL").contains("breach-notification law");
    }

    @Test
    void everyUsStateDcAndTerritoryHasARegimeOrAWarning() {
        List<String> withoutWarning = new ArrayList<>();
        for (String code : US_JURISDICTIONS) {
            String region = "US-" + code;
            Situation.Population residents = new Situation.Population("US", region, 1_000);
            boolean regime = Catalogues.shipped().file().regimes().stream()
                    .flatMap(r -> r.conditions() == null ? java.util.stream.Stream.empty() : r.conditions().stream())
                    .anyMatch(c -> c.regions() != null && c.regions().contains(region));
            boolean warned = catalogue.gaps(List.of(residents)).stream().anyMatch(g -> region.equals(g.region()));
            if (regime == warned) {
                withoutWarning.add(region + (regime ? " (regime and warning)" : " (neither)"));
            }
        }
        assertThat(withoutWarning).isEmpty();
    }

    @Test
    void usResidentsWithoutAStateAreAWarningOfTheirOwn() {
        List<CatalogueGap> gaps = catalogue.gaps(List.of(new Situation.Population("US", null, 25)));

        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.region()).isNull();
            assertThat(gap.people()).isEqualTo(25);
            assertThat(gap.warning()).contains("without a state");
        });
    }

    @Test
    void countriesOutsideEveryRegimeAreNamedAndCoveredOnesAreNot() {
        List<CatalogueGap> gaps = catalogue.gaps(List.of(new Situation.Population("DE", "DE-BY", 500),
                new Situation.Population("SG", null, 20), new Situation.Population("JP", null, 70),
                new Situation.Population("JP", "JP-13", 30), new Situation.Population("AR", null, 0)));

        // Germany falls under the GDPR (through the EU/EEA group), Singapore under the PDPA; Japan under nothing.
        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.country()).isEqualTo("JP");
            assertThat(gap.region()).isNull();
            assertThat(gap.people()).isEqualTo(100);
        });
        assertThat(Set.copyOf(gaps)).hasSize(1);
    }
}
