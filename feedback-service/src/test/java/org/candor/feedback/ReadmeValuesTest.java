package org.candor.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import org.candor.feedback.domain.Purpose;
import org.candor.feedback.domain.QuestionType;
import org.candor.testsupport.ReadmeValues;
import org.junit.jupiter.api.Test;

/** The README lists every value the service's requests take (section "Values a request takes"). */
class ReadmeValuesTest {

    private static final ReadmeValues README = ReadmeValues.ofThisService();

    @Test
    void everyValueOfQuestionTypeIsListed() {
        assertThat(README.missing(QuestionType.class)).isEmpty();
    }

    @Test
    void everyValueOfPurposeIsListed() {
        assertThat(README.missing(Purpose.class)).isEmpty();
    }
}
