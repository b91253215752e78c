package org.candor.compliance.domain.deadline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegimeCatalogueTest {

    private static final String[] REQUIRED_IDS = {"GDPR_ART33", "GDPR_ART34", "UK_GDPR_ART33", "NIS2_EARLY_WARNING",
        "NIS2_NOTIFICATION", "NIS2_FINAL_REPORT", "DORA_INITIAL", "DORA_INTERMEDIATE", "DORA_FINAL", "SEC_8K_ITEM_105",
        "HIPAA_INDIVIDUALS", "HIPAA_HHS", "HIPAA_MEDIA", "FTC_SAFEGUARDS", "NYDFS_500_17", "US_BANK_36H",
        "US_CA_INDIVIDUALS", "US_CA_AG", "US_CO_INDIVIDUALS", "US_CO_AG", "US_FL_INDIVIDUALS", "US_FL_AG",
        "US_WA_INDIVIDUALS", "US_WA_AG", "US_NY_INDIVIDUALS", "US_ME_INDIVIDUALS", "US_TX_INDIVIDUALS", "US_TX_AG",
        "US_CT_INDIVIDUALS", "US_VT_INDIVIDUALS", "US_VT_AG", "US_AZ_INDIVIDUALS", "US_DE_INDIVIDUALS", "BR_LGPD_ANPD",
        "BR_LGPD_DATA_SUBJECTS", "SG_PDPA", "IN_CERT_IN", "KR_PIPA", "AU_NDB_ASSESSMENT", "AU_NDB_STATEMENT",
        "AU_SOCI_SIGNIFICANT", "AU_SOCI_RELEVANT", "CA_PIPEDA", "CH_FADP", "DE_TKG_169"};

    @Test
    void shippedCatalogueHasEveryRegimeWithCitationAndNotes() {
        RegimeCatalogue catalogue = Catalogues.shipped();

        for (String id : REQUIRED_IDS) {
            assertThat(catalogue.contains(id)).as(id).isTrue();
            assertThat(catalogue.rule(id).citation()).as(id).isNotBlank();
            assertThat(catalogue.rule(id).notes()).as(id).isNotBlank();
        }
    }

    @Test
    void stagesComeAfterTheReportsTheyRunFrom() {
        var ids = Catalogues.shipped().rules().stream().map(RegimeRule::id).toList();

        assertThat(ids.indexOf("DORA_INITIAL")).isLessThan(ids.indexOf("DORA_INTERMEDIATE"));
        assertThat(ids.indexOf("DORA_INTERMEDIATE")).isLessThan(ids.indexOf("DORA_FINAL"));
        assertThat(ids.indexOf("NIS2_NOTIFICATION")).isLessThan(ids.indexOf("NIS2_FINAL_REPORT"));
    }

    @Test
    void unknownUnitIsRejectedWithItsLocation() {
        assertThatThrownBy(() -> Catalogues.withRegimes(catalogue(regime("X_ONE", "AWARENESS",
                "{\"amount\": 3, \"unit\": \"FORTNIGHTS\"}", ""))))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("FORTNIGHTS")
                .hasMessageContaining("regimes[0].period.unit");
    }

    @Test
    void businessDaysWithoutCalendarAreRejected() {
        assertThatThrownBy(() -> Catalogues.withRegimes(catalogue(regime("X_ONE", "AWARENESS",
                "{\"amount\": 3, \"unit\": \"BUSINESS_DAYS\"}", ""))))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("regimes[0] X_ONE: business days need a calendar");
    }

    @Test
    void unknownCalendarAndUnknownPredecessorAreBothReported() {
        String regimes = catalogue(regime("X_ONE", "REPORT_SUBMITTED:X_NOPE",
                "{\"amount\": 3, \"unit\": \"BUSINESS_DAYS\"}", ", \"calendar\": \"MARS\""));

        assertThatThrownBy(() -> Catalogues.withRegimes(regimes))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("calendar 'MARS' is not a known holiday calendar")
                .hasMessageContaining("REPORT_SUBMITTED names an unknown regime X_NOPE");
    }

    @Test
    void circularStagesAreRejected() {
        String regimes = catalogue(regime("X_ONE", "REPORT_SUBMITTED:X_TWO", "{\"amount\": 1, \"unit\": \"MONTHS\"}", "")
                + "," + regime("X_TWO", "REPORT_SUBMITTED:X_ONE", "{\"amount\": 1, \"unit\": \"MONTHS\"}", ""));

        assertThatThrownBy(() -> Catalogues.withRegimes(regimes))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("depends on itself");
    }

    @Test
    void unknownCountryInAConditionIsRejected() {
        String regimes = catalogue(regime("X_ONE", "AWARENESS", "{\"amount\": 1, \"unit\": \"HOURS\"}",
                ", \"conditions\": [{\"type\": \"POPULATION\", \"countries\": [\"XX\"]}]"));

        assertThatThrownBy(() -> Catalogues.withRegimes(regimes))
                .isInstanceOf(InvalidCatalogueException.class)
                .hasMessageContaining("'XX' is not an ISO 3166-1 alpha-2 code");
    }

    @Test
    void validMinimalCatalogueLoads() {
        RegimeCatalogue catalogue = Catalogues.withRegimes(catalogue(regime("X_ONE", "AWARENESS",
                "{\"amount\": 1, \"unit\": \"HOURS\"}", "")));

        assertThat(catalogue.rules()).extracting(RegimeRule::id).containsExactly("X_ONE");
    }

    private static String catalogue(String regimes) {
        return "{\"version\": \"test\", \"regimes\": [" + regimes + "]}";
    }

    private static String regime(String id, String trigger, String period, String extra) {
        return "{\"id\": \"" + id + "\", \"recipient\": \"Someone\", \"trigger\": \"" + trigger + "\", \"period\": "
                + period + ", \"citation\": \"Art. 1\", \"notes\": \"n\"" + extra + "}";
    }
}
