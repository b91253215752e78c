package org.candor.feedback.service;

/** Score arithmetic, kept apart so it can be checked against figures worked out by hand. */
public final class NpsMath {

    /** z for a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    /**
     * An NPS with its 95% confidence interval (normal approximation; bounds clamped to −100..100).
     *
     * @param n answers counted
     */
    public record Nps(long promoters, long passives, long detractors, long n, Double score, Double low, Double high) {
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
        double p = (double) promoters / n;
        double d = (double) detractors / n;
        double score = p - d;
        // Variance of the per-answer value (+1, 0, -1): E[x^2] - E[x]^2.
        double standardError = Math.sqrt((p + d - score * score) / n);
        double margin = Z95 * standardError;
        return new Nps(promoters, passives, detractors, n, round(100 * score),
                round(100 * Math.max(-1, score - margin)), round(100 * Math.min(1, score + margin)));
    }

    /** Share (percent) of CSAT answers 4 or 5, from the counts of 1–5; null without answers. */
    public static Double csatShare(long[] counts) {
        long n = 0;
        for (long count : counts) {
            n += count;
        }
        return n == 0 ? null : round(100.0 * (counts[3] + counts[4]) / n);
    }

    /** Mean of answers 1–5 from their counts; null without answers. */
    public static Double mean(long[] counts) {
        long n = 0;
        long sum = 0;
        for (int i = 0; i < counts.length; i++) {
            n += counts[i];
            sum += (i + 1) * counts[i];
        }
        return n == 0 ? null : round((double) sum / n);
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
}
