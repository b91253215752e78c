package org.candor.incident;

import static org.assertj.core.api.Assertions.assertThat;

import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.Severity;
import org.candor.incident.domain.Expert;
import org.candor.incident.domain.Phase;
import org.candor.incident.domain.ResponseAction;
import org.candor.incident.domain.RiskAssessment;
import org.candor.incident.domain.StatusUpdate;
import org.candor.testsupport.ReadmeValues;
import org.junit.jupiter.api.Test;

/** The README lists every value the service's requests take (section "Values a request takes"). */
class ReadmeValuesTest {

    private static final ReadmeValues README = ReadmeValues.ofThisService();

    @Test
    void everyValueOfSeverityIsListed() {
        assertThat(README.missing(Severity.class)).isEmpty();
    }

    @Test
    void everyValueOfDataCategoryIsListed() {
        assertThat(README.missing(DataCategory.class)).isEmpty();
    }

    @Test
    void everyValueOfExpertExpertKindIsListed() {
        assertThat(README.missing(Expert.ExpertKind.class)).isEmpty();
    }

    @Test
    void everyValueOfPhaseIsListed() {
        assertThat(README.missing(Phase.class)).isEmpty();
    }

    @Test
    void everyValueOfResponseActionKindIsListed() {
        assertThat(README.missing(ResponseAction.Kind.class)).isEmpty();
    }

    @Test
    void everyValueOfRiskAssessmentLevelIsListed() {
        assertThat(README.missing(RiskAssessment.Level.class)).isEmpty();
    }

    @Test
    void everyValueOfStatusUpdateStatusIsListed() {
        assertThat(README.missing(StatusUpdate.Status.class)).isEmpty();
    }

    @Test
    void everyValueOfStatusUpdateAudienceIsListed() {
        assertThat(README.missing(StatusUpdate.Audience.class)).isEmpty();
    }
}
