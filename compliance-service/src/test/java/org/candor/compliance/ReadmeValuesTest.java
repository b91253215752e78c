package org.candor.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.candor.compliance.domain.Filing;
import org.candor.compliance.domain.ObligationStatus;
import org.candor.compliance.domain.deadline.TriggerType;
import org.candor.testsupport.ReadmeValues;
import org.junit.jupiter.api.Test;

/** The README lists every value the service's requests take (section "Values a request takes"). */
class ReadmeValuesTest {

    private static final ReadmeValues README = ReadmeValues.ofThisService();

    @Test
    void everyValueOfTriggerTypeIsListed() {
        assertThat(README.missing(TriggerType.class)).isEmpty();
    }

    @Test
    void everyValueOfObligationStatusIsListed() {
        assertThat(README.missing(ObligationStatus.class)).isEmpty();
    }

    @Test
    void everyValueOfFilingPhaseIsListed() {
        assertThat(README.missing(Filing.Phase.class)).isEmpty();
    }
}
