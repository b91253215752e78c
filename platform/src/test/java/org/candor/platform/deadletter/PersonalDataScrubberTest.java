package org.candor.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonalDataScrubberTest {

    @Test
    void anEmailAddressIsMasked() {
        assertThat(PersonalDataScrubber.scrub("Invalid recipient erika.mustermann+breach@example.org here", 200))
                .isEqualTo("Invalid recipient [email] here");
    }

    @Test
    void anInternationalPhoneNumberIsMasked() {
        assertThat(PersonalDataScrubber.scrub("SMS to +49 151 2345-6789 refused", 200)).isEqualTo("SMS to [phone] refused");
    }

    @Test
    void idsAndTimestampsStay() {
        String reason = "Customer C-42 of incident 550e8400-e29b-41d4-a716-446655440000 at 2026-05-01T10:00:00+02:00";
        assertThat(PersonalDataScrubber.scrub(reason, 200)).isEqualTo(reason);
    }

    @Test
    void aLongTextIsCutToItsColumn() {
        assertThat(PersonalDataScrubber.scrub("x".repeat(50), 10)).hasSize(10);
    }
}
