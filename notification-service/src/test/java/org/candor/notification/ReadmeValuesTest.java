package org.candor.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.candor.notification.domain.Channel;
import org.candor.notification.domain.DeliveryStatus;
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
    void everyValueOfDeliveryStatusIsListed() {
        assertThat(README.missing(DeliveryStatus.class)).isEmpty();
    }
}
