package org.candor.compliance.bench;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.candor.compliance.domain.deadline.Catalogues;
import org.candor.compliance.domain.deadline.Deadline;
import org.candor.compliance.domain.deadline.DeadlineEngine;
import org.candor.compliance.domain.deadline.Flag;
import org.candor.compliance.domain.deadline.Situation;
import org.candor.compliance.domain.deadline.TriggerKey;
import org.candor.contracts.incident.DataCategory;

/**
 * Latency of the deadline calculator for a population spread over every jurisdiction of the catalogue, with
 * every flag set and every trigger known, so that every regime applies. Run with {@code compliance-service/bench/calculator}.
 * Not part of the build: it measures this machine, it does not check behaviour.
 */
public final class CalculatorBenchmark {

    private CalculatorBenchmark() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        DeadlineEngine engine = new DeadlineEngine(Catalogues.shipped());
        Situation situation = everyJurisdiction();
        int regimes = engine.calculate(situation).size();
        // Warm-up: let the JIT compile the engine.
        for (int i = 0; i < iterations; i++) {
            consume(engine.calculate(situation));
        }
        long[] nanos = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            long start = System.nanoTime();
            consume(engine.calculate(situation));
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("calculator: %d regimes per answer, %d measured calls%n", regimes, iterations);
        System.out.printf("p50 %.3f ms, p99 %.3f ms, p99.9 %.3f ms, max %.3f ms (target p99 < 20 ms)%n",
                ms(nanos, 0.50), ms(nanos, 0.99), ms(nanos, 0.999), nanos[iterations - 1] / 1e6);
        // A fresh engine pays for each holiday year once; the first call is the cold case.
        DeadlineEngine cold = new DeadlineEngine(Catalogues.shipped());
        long start = System.nanoTime();
        consume(cold.calculate(situation));
        System.out.printf("first call on a cold engine: %.3f ms%n", (System.nanoTime() - start) / 1e6);
    }

    private static int sink;

    private static void consume(List<Deadline> deadlines) {
        sink += deadlines.size();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    static Situation everyJurisdiction() {
        List<Situation.Population> population = new ArrayList<>();
        for (String country : List.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
                "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO", "GB", "BR",
                "SG", "IN", "KR", "AU", "CA", "CH")) {
            population.add(new Situation.Population(country, null, 2_000));
        }
        for (String state : List.of("CA", "CO", "FL", "WA", "NY", "ME", "TX", "CT", "VT", "AZ", "DE", "NJ", "IL")) {
            population.add(new Situation.Population("US", "US-" + state, 1_500));
        }
        Instant aware = Instant.parse("2026-03-27T15:30:00Z");
        Map<TriggerKey, Instant> triggers = Map.of(TriggerKey.AWARENESS, aware,
                TriggerKey.parse("DISCOVERY"), aware.plusSeconds(3_600),
                TriggerKey.parse("DETERMINATION"), aware.plusSeconds(7_200),
                TriggerKey.parse("MATERIALITY_DETERMINATION"), aware.plusSeconds(86_400),
                TriggerKey.parse("CLASSIFIED_MAJOR"), aware.plusSeconds(10_800),
                TriggerKey.parse("ASSESSMENT"), aware.plusSeconds(14_400));
        return new Situation(ZoneId.of("Europe/Berlin"), List.of("DE", "IN"), EnumSet.complementOf(
                EnumSet.of(Flag.DORA_NO_WEEKEND_RELIEF)), triggers, population, true, "HIGH_RISK",
                Set.of(DataCategory.HEALTH));
    }
}
