package org.candor.feedback.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Figures worked out by hand (see each comment). */
class NpsMathTest {

    @Test
    void npsAndItsIntervalForTenAnswers() {
        // Answers 10,10,10,9,9 | 8,7 | 6,3,0: 5 promoters, 2 passives, 3 detractors of 10.
        // NPS = 50% - 30% = 20. Variance = 0.5 + 0.3 - 0.2² = 0.76; SE = sqrt(0.76/10) = 0.27568;
        // margin = 1.96 × 0.27568 = 0.54033 → 20 ± 54.03 = [-34.03, 74.03].
        long[] counts = {1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 3};

        NpsMath.Nps nps = NpsMath.nps(counts);

        assertThat(nps.promoters()).isEqualTo(5);
        assertThat(nps.passives()).isEqualTo(2);
        assertThat(nps.detractors()).isEqualTo(3);
        assertThat(nps.score()).isEqualTo(20.0);
        assertThat(nps.low()).isEqualTo(-34.03);
        assertThat(nps.high()).isEqualTo(74.03);
    }

    @Test
    void intervalIsClampedToTheScale() {
        // 10, 9, 6: NPS 33.33; margin 1.96 × sqrt((2/3 + 1/3 - 1/9)/3) = 1.0668 → high 140 clamps to 100.
        long[] counts = {0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1};

        NpsMath.Nps nps = NpsMath.nps(counts);

        assertThat(nps.score()).isEqualTo(33.33);
        assertThat(nps.low()).isEqualTo(-73.35);
        assertThat(nps.high()).isEqualTo(100.0);
    }

    @Test
    void allPromotersHaveNoSpread() {
        NpsMath.Nps nps = NpsMath.nps(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0});

        assertThat(nps.score()).isEqualTo(100.0);
        assertThat(nps.low()).isEqualTo(100.0);
    }

    @Test
    void noAnswersGiveNoScore() {
        assertThat(NpsMath.nps(new long[11]).score()).isNull();
        assertThat(NpsMath.csatShare(new long[5])).isNull();
        assertThat(NpsMath.mean(new long[5])).isNull();
    }

    @Test
    void csatIsTheShareOfFoursAndFives() {
        // Answers 5, 4, 4, 3, 1: three of five satisfied = 60%.
        assertThat(NpsMath.csatShare(new long[] {1, 0, 1, 2, 1})).isEqualTo(60.0);
    }

    @Test
    void trustIsTheMean() {
        // Answers 1, 2, 3, 4, 5, 5: 20 / 6 = 3.33.
        assertThat(NpsMath.mean(new long[] {1, 1, 1, 1, 2})).isEqualTo(3.33);
    }
}
