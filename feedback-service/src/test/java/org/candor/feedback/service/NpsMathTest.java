package org.candor.feedback.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Intervals against published worked examples (Newcombe 1998 for the Wilson and hybrid score intervals) and
 * figures worked out by hand from the formulas (see each comment; z = 1.95996).
 */
class NpsMathTest {

    @Test
    void npsOfTenAnswersHasTheAdjustedWaldInterval() {
        // Answers 10,10,10,9,9 | 8,7 | 6,3,0: 5 promoters, 2 passives, 3 detractors of 10; NPS = 50% - 30% = 20.
        // Adjusted: n' = 13, p' = 5.75/13 = 0.44231, d' = 3.75/13 = 0.28846, NPS' = 0.15385;
        // var = (p' + d' - NPS'²) / n' = (0.73077 - 0.02367) / 13 = 0.054392; SE = 0.23322; margin = 0.45711
        // → 15.385 ± 45.711 = [-30.33, 61.10]; rounded from -30.326 and 61.095.
        long[] counts = {1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 3};

        NpsMath.Nps nps = NpsMath.nps(counts);

        assertThat(nps.promoters()).isEqualTo(5);
        assertThat(nps.passives()).isEqualTo(2);
        assertThat(nps.detractors()).isEqualTo(3);
        assertThat(nps.score()).isEqualTo(20.0);
        assertThat(nps.low()).isEqualTo(-30.33);
        assertThat(nps.high()).isEqualTo(61.10);
    }

    @Test
    void npsOfThreeAnswersStaysWithinTheScale() {
        // 10, 9, 6: NPS 33.33. n' = 6, p' = 2.75/6 = 0.45833, d' = 1.75/6 = 0.29167, NPS' = 0.16667;
        // var = (0.75 - 0.02778) / 6 = 0.12037; SE = 0.34694; margin = 0.68000 → [-51.33, 84.67].
        long[] counts = {0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1};

        NpsMath.Nps nps = NpsMath.nps(counts);

        assertThat(nps.score()).isEqualTo(33.33);
        assertThat(nps.low()).isEqualTo(-51.33);
        assertThat(nps.high()).isEqualTo(84.67);
    }

    @Test
    void allPromotersStillHaveAnInterval() {
        // Four 9s: NPS 100. n' = 7, p' = 4.75/7 = 0.67857, d' = 0.75/7 = 0.10714, NPS' = 0.57143;
        // var = (0.78571 - 0.32653) / 7 = 0.065598; SE = 0.25612; margin = 0.50199 → [6.94, 107.34], capped at 100.
        NpsMath.Nps nps = NpsMath.nps(new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0});

        assertThat(nps.score()).isEqualTo(100.0);
        assertThat(nps.low()).isEqualTo(6.94);
        assertThat(nps.high()).isEqualTo(100.0);
    }

    @Test
    void aLoneAnswerKeepsItsOwnScoreInsideTheInterval() {
        // One 0: NPS -100. n' = 4, p' = 0.1875, d' = 0.4375, NPS' = -0.25; var = (0.625 - 0.0625) / 4 = 0.140625;
        // SE = 0.375; margin = 0.73499 → [-98.50, 48.50]; the low end is widened to the observed -100.
        NpsMath.Nps nps = NpsMath.nps(new long[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});

        assertThat(nps.score()).isEqualTo(-100.0);
        assertThat(nps.low()).isEqualTo(-100.0);
        assertThat(nps.high()).isEqualTo(48.50);
    }

    @Test
    void noAnswersGiveNoScore() {
        assertThat(NpsMath.nps(new long[11]).score()).isNull();
        assertThat(NpsMath.nps(new long[11]).low()).isNull();
        assertThat(NpsMath.csat(new long[5]).share()).isNull();
        assertThat(NpsMath.trust(new long[5]).mean()).isNull();
    }

    @Test
    void csatIsTheShareOfFoursAndFives() {
        // Answers 5, 4, 4, 3, 1: three of five satisfied = 60%.
        assertThat(NpsMath.csat(new long[] {1, 0, 1, 2, 1}).share()).isEqualTo(60.0);
    }

    @Test
    void csatIntervalMatchesNewcombesWilsonExample() {
        // Newcombe (1998), Statistics in Medicine 17:857, Table II, 81/263: Wilson score interval 0.2553 to 0.3662.
        NpsMath.Share csat = NpsMath.csat(new long[] {100, 50, 32, 40, 41});

        assertThat(csat.share()).isEqualTo(30.80);
        assertThat(csat.low()).isEqualTo(25.53);
        assertThat(csat.high()).isEqualTo(36.62);
    }

    @Test
    void csatIntervalOfNobodySatisfiedMatchesNewcombe() {
        // Newcombe (1998), 0/20: Wilson score interval 0 to 0.1611: no zero width at the edge.
        NpsMath.Share csat = NpsMath.csat(new long[] {10, 5, 5, 0, 0});

        assertThat(csat.share()).isEqualTo(0.0);
        assertThat(csat.low()).isEqualTo(0.0);
        assertThat(csat.high()).isEqualTo(16.11);
    }

    @Test
    void csatIntervalOfOneInTwentyNineMatchesNewcombe() {
        // Newcombe (1998), 1/29: Wilson score interval 0.0061 to 0.1718.
        NpsMath.Share csat = NpsMath.csat(new long[] {20, 8, 0, 1, 0});

        assertThat(csat.low()).isEqualTo(0.61);
        assertThat(csat.high()).isEqualTo(17.18);
    }

    @Test
    void trustIsTheMeanWithItsAdjustedInterval() {
        // Answers 1, 2, 3, 4, 5, 5, 3, 3, 3, 3: mean 32 / 10 = 3.2. On -1..+1 with ¾ added at 1 and 5, 1½ at 3:
        // weights 1.75, 1, 6.5, 1, 2.75 over n' = 13 at -1, -0.5, 0, 0.5, 1;
        // mean' = (-1.75 - 0.5 + 0.5 + 2.75) / 13 = 0.076923; E[x²] = (1.75 + 0.25 + 0.25 + 2.75) / 13 = 0.384615;
        // var = (0.384615 - 0.005917) / 13 = 0.029131; SE = 0.170677; margin = 0.334520
        // → 1..5: 3 + 2 × (0.076923 ± 0.334520) = [2.48, 3.82].
        NpsMath.Mean trust = NpsMath.trust(new long[] {1, 1, 5, 1, 2});

        assertThat(trust.mean()).isEqualTo(3.2);
        assertThat(trust.low()).isEqualTo(2.48);
        assertThat(trust.high()).isEqualTo(3.82);
    }

    @Test
    void trustOfAllFivesStillHasAnInterval() {
        // Six 5s: weights 0.75, 0, 1.5, 0, 6.75 over n' = 9; mean' = 6/9 = 0.66667; E[x²] = 7.5/9 = 0.83333;
        // var = (0.83333 - 0.44444) / 9 = 0.043210; SE = 0.20787; margin = 0.40742
        // → 3 + 2 × (0.66667 - 0.40742) = 3.52; the high end caps at 5.
        NpsMath.Mean trust = NpsMath.trust(new long[] {0, 0, 0, 0, 6});

        assertThat(trust.mean()).isEqualTo(5.0);
        assertThat(trust.low()).isEqualTo(3.52);
        assertThat(trust.high()).isEqualTo(5.0);
    }

    @Test
    void csatDifferenceMatchesNewcombesHybridScoreExample() {
        // Newcombe (1998), Statistics in Medicine 17:873, Table II, 56/70 - 48/80: difference 0.2000,
        // method 10 (hybrid score) 0.0524 to 0.3339. Earlier wave 48 of 80 satisfied, later 56 of 70.
        NpsMath.Difference difference = NpsMath.csatDifference(new long[] {10, 10, 12, 24, 24},
                new long[] {4, 4, 6, 28, 28});

        assertThat(difference.difference()).isEqualTo(20.0);
        assertThat(difference.low()).isEqualTo(5.24);
        assertThat(difference.high()).isEqualTo(33.39);
        assertThat(difference.verdict()).isEqualTo(NpsMath.Verdict.CHANGED);
    }

    @Test
    void csatDifferenceWithZeroInItsIntervalIsNotDistinguishable() {
        // Newcombe (1998), 5/56 - 0/29: method 10 -0.0381 to 0.1926. Earlier 0 of 29, later 5 of 56 (8.93%).
        NpsMath.Difference difference = NpsMath.csatDifference(new long[] {9, 10, 10, 0, 0},
                new long[] {20, 20, 11, 3, 2});

        assertThat(difference.difference()).isEqualTo(8.93);
        assertThat(difference.low()).isEqualTo(-3.81);
        assertThat(difference.high()).isEqualTo(19.26);
        assertThat(difference.verdict()).isEqualTo(NpsMath.Verdict.NOT_DISTINGUISHABLE);
    }

    @Test
    void npsDifferenceOfTwoWavesOfAHundred() {
        // Earlier: 20 promoters, 40 detractors of 100 (NPS -20); later: 45 and 20 of 100 (NPS 25); difference 45.
        // Earlier adjusted: n' = 103, p' = 20.75/103 = 0.201456, d' = 40.75/103 = 0.395631, NPS' = -0.194175,
        //   var = (0.597087 - 0.037704) / 103 = 0.0054309.
        // Later adjusted: p' = 45.75/103 = 0.444175, d' = 20.75/103 = 0.201456, NPS' = 0.242718,
        //   var = (0.645631 - 0.058912) / 103 = 0.0056963.
        // Centre 0.436893; margin = 1.95996 × sqrt(0.0111272) = 0.206747 → [23.01, 64.36].
        long[] earlier = {10, 10, 5, 5, 5, 5, 0, 20, 20, 10, 10};
        long[] later = {5, 5, 5, 0, 0, 0, 5, 20, 15, 20, 25};

        NpsMath.Difference difference = NpsMath.npsDifference(earlier, later);

        assertThat(difference.difference()).isEqualTo(45.0);
        assertThat(difference.low()).isEqualTo(23.01);
        assertThat(difference.high()).isEqualTo(64.36);
        assertThat(difference.verdict()).isEqualTo(NpsMath.Verdict.CHANGED);
    }

    @Test
    void npsDifferenceOfTwoSmallWavesIsNotDistinguishable() {
        // 5 promoters, 3 detractors of 10 (NPS 20) → 6 and 2 of 10 (NPS 40): +20 points.
        // Earlier var 0.054392 (as above); later p' = 6.75/13, d' = 2.75/13, NPS' = 0.307692,
        //   var = (0.730769 - 0.094675) / 13 = 0.048930; centre 0.153846; margin = 1.95996 × sqrt(0.103322) = 0.630002
        // → [-47.62, 78.39]: zero inside, so not distinguishable.
        long[] earlier = {1, 0, 0, 1, 0, 0, 1, 1, 1, 2, 3};
        long[] later = {0, 0, 0, 1, 0, 0, 1, 1, 1, 3, 3};

        NpsMath.Difference difference = NpsMath.npsDifference(earlier, later);

        assertThat(difference.difference()).isEqualTo(20.0);
        assertThat(difference.low()).isEqualTo(-47.62);
        assertThat(difference.high()).isEqualTo(78.39);
        assertThat(difference.verdict()).isEqualTo(NpsMath.Verdict.NOT_DISTINGUISHABLE);
    }

    @Test
    void trustDifferenceOfTwoWaves() {
        // Earlier 10, 20, 40, 20, 10 answers of 1..5 (mean 3.0), later 5, 10, 30, 35, 20 (mean 3.55): +0.55.
        // Earlier on -1..+1, weights 10.75, 20, 41.5, 20, 10.75 over 103: mean' 0, E[x²] = (21.5 + 10) / 103 = 0.305825,
        //   var = 0.305825 / 103 = 0.0029692.
        // Later weights 5.75, 10, 31.5, 35, 20.75 over 103: mean' = (-5.75 - 5 + 17.5 + 20.75) / 103 = 0.266990,
        //   E[x²] = (5.75 + 2.5 + 8.75 + 20.75) / 103 = 0.366505, var = (0.366505 - 0.071284) / 103 = 0.0028662.
        // Centre 2 × 0.266990 = 0.533981; margin 2 × 1.95996 × sqrt(0.0058354) = 0.299448 → [0.23, 0.83].
        NpsMath.Difference difference = NpsMath.trustDifference(new long[] {10, 20, 40, 20, 10},
                new long[] {5, 10, 30, 35, 20});

        assertThat(difference.difference()).isEqualTo(0.55);
        assertThat(difference.low()).isEqualTo(0.23);
        assertThat(difference.high()).isEqualTo(0.83);
        assertThat(difference.verdict()).isEqualTo(NpsMath.Verdict.CHANGED);
    }

    @Test
    void differenceWithAnEmptySideIsUnknown() {
        NpsMath.Difference difference = NpsMath.npsDifference(new long[11], new long[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0});

        assertThat(difference.difference()).isNull();
        assertThat(difference.verdict()).isNull();
    }
}
