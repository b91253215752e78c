package org.candor.local.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator: sends GET requests at a fixed rate whatever the server does, and counts
 * each request's latency from the moment it was due, so that a server falling behind shows in the figures
 * instead of slowing the generator down (no coordinated omission).
 */
final class FixedRateLoad {

    record Result(double achieved, double p50, double p99, double max, long errors) {
    }

    private FixedRateLoad() {
    }

    static Result run(URI uri, int rate, Duration duration) throws InterruptedException {
        int total = (int) (rate * duration.toSeconds());
        long[] latencies = new long[total];
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(callbacks)
                .connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5")
                .timeout(Duration.ofSeconds(10)).build();
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                latencies[index] = System.nanoTime() - due;
                if (failure != null || response.statusCode() != 200) {
                    errors.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        callbacks.shutdownNow();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(total / elapsed, millis(sorted, 0.50), millis(sorted, 0.99), sorted[sorted.length - 1] / 1e6,
                errors.get());
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
