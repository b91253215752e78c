package org.candor.feedback.service;

/**
 * Score arithmetic with 95% intervals, kept apart so it can be checked against published worked examples
 * and figures worked out by hand.
 *
 * <ul>
 * <li>NPS: the adjusted-Wald interval of Rocks (2016), "Interval Estimation for the 'Net Promoter Score'",
 * <i>The American Statistician</i> 70(4), 365–372: ¾ is added to the promoters and to the detractors and 3 to
 * the answers, and the Wald interval is taken around the adjusted score. Unlike the plain Wald interval it
 * keeps a width when everybody answered alike, and it holds its coverage for small groups.</li>
 * <li>CSAT (share of 4 and 5): the Wilson score interval (Wilson 1927), as compared in Newcombe (1998),
 * "Two-sided confidence intervals for the single proportion", <i>Statistics in Medicine</i> 17, 857–872.</li>
 * <li>Trust (mean of 1–5): the same adjustment as the NPS on the scale mapped to −1..+1 (1 → −1, 3 → 0,
 * 5 → +1): ¾ of an answer is added at 1 and at 5, 1½ at 3, and the Wald interval is taken around the
 * adjusted mean. This carries Rocks' adjustment over to a five-point scale; its coverage is checked by
 * simulation in the tests.</li>
 * <li>Differences between two groups (a wave and the one before, or a wave and the baseline): for NPS and
 * trust, the difference of the adjusted estimates with the two adjusted variances added; for CSAT, Newcombe's
 * hybrid score interval (method 10 of Newcombe 1998, "Interval estimation for the difference between
 * independent proportions", <i>Statistics in Medicine</i> 17, 873–890). A difference whose interval leaves
 * out zero is {@link Verdict#CHANGED}.</li>
 * </ul>
 */
public final class NpsMath {

    /** z for a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    /** Added to promoters and to detractors (and, on the trust scale, at 1 and at 5). */
    static final double ADJUST_ENDS = 0.75;
    /** Added to the number of answers. */
    static final double ADJUST_N = 3;

    /**
     * An NPS with its 95% confidence interval (adjusted Wald; bounds within −100..100).
     *
     * @param n answers counted
     */
    public record Nps(long promoters, long passives, long detractors, long n, Double score, Double low, Double high) {
    }

    /**
     * A share in percent with its 95% interval (Wilson score).
     *
     * @param n answers counted
     * @param hits answers that count towards the share (CSAT 4 or 5)
     */
    public record Share(long n, long hits, Double share, Double low, Double high) {
    }

    /**
     * A mean of a 1–5 scale with its 95% interval (adjusted as the NPS).
     *
     * @param n answers counted
     */
    public record Mean(long n, Double mean, Double low, Double high) {
    }

    /** Whether two groups differ beyond what chance explains at the 95% level. */
    public enum Verdict { CHANGED, NOT_DISTINGUISHABLE }

    /**
     * A later group minus an earlier one, with the 95% interval of that difference; all null when either
     * group has no answers.
     */
    public record Difference(Double difference, Double low, Double high, Verdict verdict) {

        static final Difference UNKNOWN = new Difference(null, null, null, null);

        /**
         * @param bound the largest difference possible (2 on −1..+1); the interval stays within ±bound and, as
         *     for a single score, keeps the observed difference inside
         */
        static Difference of(double difference, double low, double high, double bound, double scale) {
            double from = Math.min(difference, Math.max(-bound, low));
            double to = Math.max(difference, Math.min(bound, high));
            Verdict verdict = from > 0 || to < 0 ? Verdict.CHANGED : Verdict.NOT_DISTINGUISHABLE;
            return new Difference(round(scale * difference), round(scale * from), round(scale * to), verdict);
        }
    }

    private NpsMath() {
    }

    /** NPS from the count of each answer 0–10. */
    public static Nps nps(long[] counts) {
        long detractors = 0;
        long passives = 0;
        long promoters = 0;
        for (int score = 0; score <= 10; score++) {
            if (score <= 6) {
                detractors += counts[score];
            } else if (score <= 8) {
                passives += counts[score];
            } else {
                promoters += counts[score];
            }
        }
        long n = promoters + passives + detractors;
        if (n == 0) {
            return new Nps(0, 0, 0, 0, null, null, null);
        }
        Adjusted adjusted = adjusted(promoters, detractors, n);
        double margin = Z95 * Math.sqrt(adjusted.variance());
        double score = (double) (promoters - detractors) / n;
        // The interval is centred on the adjusted score; a lone answer's own score stays inside it.
        return new Nps(promoters, passives, detractors, n, round(100 * score),
                round(100 * Math.min(score, Math.max(-1, adjusted.estimate() - margin))),
                round(100 * Math.max(score, Math.min(1, adjusted.estimate() + margin))));
    }

    /** CSAT: the share (percent) of answers 4 or 5, from the counts of 1–5, with its Wilson interval. */
    public static Share csat(long[] counts) {
        long n = total(counts);
        long satisfied = counts[3] + counts[4];
        if (n == 0) {
            return new Share(0, 0, null, null, null);
        }
        double[] wilson = wilson(satisfied, n);
        return new Share(n, satisfied, round(100.0 * satisfied / n), round(100 * wilson[0]), round(100 * wilson[1]));
    }

    /** Mean trust of answers 1–5 from their counts, with its interval (bounds within 1..5). */
    public static Mean trust(long[] counts) {
        long n = total(counts);
        if (n == 0) {
            return new Mean(0, null, null, null);
        }
        Adjusted adjusted = adjustedScale(counts);
        double margin = Z95 * Math.sqrt(adjusted.variance());
        // Back from −1..+1 to 1..5: x ↦ 3 + 2x; the observed mean stays inside, as for the NPS.
        double mean = exactMean(counts);
        return new Mean(n, round(mean), round(Math.min(mean, 3 + 2 * Math.max(-1, adjusted.estimate() - margin))),
                round(Math.max(mean, 3 + 2 * Math.min(1, adjusted.estimate() + margin))));
    }

    /** NPS points of {@code later} minus {@code earlier} (answer counts 0–10 each). */
    public static Difference npsDifference(long[] earlier, long[] later) {
        long[] before = npsGroups(earlier);
        long[] after = npsGroups(later);
        if (before[2] == 0 || after[2] == 0) {
            return Difference.UNKNOWN;
        }
        Adjusted a = adjusted(before[0], before[1], before[2]);
        Adjusted b = adjusted(after[0], after[1], after[2]);
        double rawDifference = (double) (after[0] - after[1]) / after[2] - (double) (before[0] - before[1]) / before[2];
        double margin = Z95 * Math.sqrt(a.variance() + b.variance());
        double centre = b.estimate() - a.estimate();
        return Difference.of(rawDifference, centre - margin, centre + margin, 2, 100);
    }

    /** Percentage points of CSAT satisfied of {@code later} minus {@code earlier} (counts 1–5 each). */
    public static Difference csatDifference(long[] earlier, long[] later) {
        return shareDifference(earlier[3] + earlier[4], total(earlier), later[3] + later[4], total(later));
    }

    /** Percentage points of a share of {@code later} minus {@code earlier}: Newcombe's hybrid score interval. */
    static Difference shareDifference(long earlierHits, long earlierN, long laterHits, long laterN) {
        if (earlierN == 0 || laterN == 0) {
            return Difference.UNKNOWN;
        }
        double p1 = (double) laterHits / laterN;
        double p2 = (double) earlierHits / earlierN;
        double[] w1 = wilson(laterHits, laterN);
        double[] w2 = wilson(earlierHits, earlierN);
        double difference = p1 - p2;
        double low = difference - Math.sqrt(square(p1 - w1[0]) + square(w2[1] - p2));
        double high = difference + Math.sqrt(square(w1[1] - p1) + square(p2 - w2[0]));
        return Difference.of(difference, low, high, 1, 100);
    }

    /** Trust points (on 1–5) of {@code later} minus {@code earlier} (counts 1–5 each). */
    public static Difference trustDifference(long[] earlier, long[] later) {
        if (total(earlier) == 0 || total(later) == 0) {
            return Difference.UNKNOWN;
        }
        Adjusted a = adjustedScale(earlier);
        Adjusted b = adjustedScale(later);
        double rawDifference = exactMean(later) - exactMean(earlier);
        double margin = Z95 * Math.sqrt(a.variance() + b.variance());
        double centre = 2 * (b.estimate() - a.estimate());
        return Difference.of(rawDifference, centre - 2 * margin, centre + 2 * margin, 4, 1);
    }

    /** Share (percent) of CSAT answers 4 or 5, from the counts of 1–5; null without answers. */
    public static Double csatShare(long[] counts) {
        return csat(counts).share();
    }

    /** Mean of answers 1–5 from their counts; null without answers. */
    public static Double mean(long[] counts) {
        return total(counts) == 0 ? null : round(exactMean(counts));
    }

    public static long total(long[] counts) {
        long n = 0;
        for (long count : counts) {
            n += count;
        }
        return n;
    }

    static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** An adjusted estimate on −1..+1 and the variance of that estimate. */
    private record Adjusted(double estimate, double variance) {
    }

    /** Rocks' adjustment of a trinomial (+1, 0, −1) mean. */
    private static Adjusted adjusted(long plus, long minus, long n) {
        double nAdjusted = n + ADJUST_N;
        double p = (plus + ADJUST_ENDS) / nAdjusted;
        double d = (minus + ADJUST_ENDS) / nAdjusted;
        return new Adjusted(p - d, (p + d - square(p - d)) / nAdjusted);
    }

    /** The same adjustment on a 1–5 scale mapped to −1..+1: ¾ added at each end, 1½ in the middle. */
    private static Adjusted adjustedScale(long[] counts) {
        double[] weights = new double[5];
        for (int i = 0; i < 5; i++) {
            weights[i] = counts[i];
        }
        weights[0] += ADJUST_ENDS;
        weights[4] += ADJUST_ENDS;
        weights[2] += ADJUST_N - 2 * ADJUST_ENDS;
        double nAdjusted = total(counts) + ADJUST_N;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < 5; i++) {
            double x = (i - 2) / 2.0;
            sum += weights[i] * x;
            squares += weights[i] * x * x;
        }
        double mean = sum / nAdjusted;
        return new Adjusted(mean, (squares / nAdjusted - mean * mean) / nAdjusted);
    }

    private static long[] npsGroups(long[] counts) {
        long promoters = counts[9] + counts[10];
        long detractors = 0;
        for (int score = 0; score <= 6; score++) {
            detractors += counts[score];
        }
        return new long[] {promoters, detractors, total(counts)};
    }

    private static double exactMean(long[] counts) {
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            sum += (i + 1) * counts[i];
        }
        return (double) sum / total(counts);
    }

    /** Wilson's score interval for {@code hits} of {@code n}, as fractions. */
    static double[] wilson(long hits, long n) {
        double p = (double) hits / n;
        double z2 = Z95 * Z95;
        double centre = p + z2 / (2 * n);
        double spread = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        double denominator = 1 + z2 / n;
        return new double[] {Math.max(0, (centre - spread) / denominator), Math.min(1, (centre + spread) / denominator)};
    }

    private static double square(double value) {
        return value * value;
    }
}
