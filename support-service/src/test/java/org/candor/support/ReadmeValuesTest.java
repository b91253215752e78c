package org.candor.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.candor.support.domain.Channel;
import org.candor.support.domain.ClaimKind;
import org.candor.support.domain.ClaimStatus;
import org.candor.support.domain.MessageKind;
import org.candor.support.domain.Priority;
import org.candor.support.domain.SlaTarget;
import org.candor.support.domain.TicketStatus;
import org.candor.testsupport.ReadmeValues;
import org.junit.jupiter.api.Test;

/** The README lists every value the service's requests take (section "Values a request takes"). */
class ReadmeValuesTest {

    private static final ReadmeValues README = ReadmeValues.ofThisService();

    @Test
    void everyValueOfChannelIsListed() {
        assertThat(README.missing(Channel.class)).isEmpty();
    }

    @Test
    void everyValueOfPriorityIsListed() {
        assertThat(README.missing(Priority.class)).isEmpty();
    }

    @Test
    void everyValueOfTicketStatusIsListed() {
        assertThat(README.missing(TicketStatus.class)).isEmpty();
    }

    @Test
    void everyValueOfMessageKindIsListed() {
        assertThat(README.missing(MessageKind.class)).isEmpty();
    }

    @Test
    void everyValueOfSlaTargetIsListed() {
        assertThat(README.missing(SlaTarget.class)).isEmpty();
    }

    @Test
    void everyValueOfClaimKindIsListed() {
        assertThat(README.missing(ClaimKind.class)).isEmpty();
    }

    @Test
    void everyValueOfClaimStatusIsListed() {
        assertThat(README.missing(ClaimStatus.class)).isEmpty();
    }
}
