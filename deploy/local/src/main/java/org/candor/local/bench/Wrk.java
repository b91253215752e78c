package org.candor.local.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (Debian's {@code wrk}) as its own process and reads its figures. */
final class Wrk {

    /** Requests per second and wrk's latency percentiles as it prints them (e.g. {@code 1.23ms}). */
    record Result(double requestsPerSecond, String p50, String p99) {
    }

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P50 = Pattern.compile("\\s50%\\s+(\\S+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+(\\S+)");

    private Wrk() {
    }

    static Result run(String url, int seconds, int connections) throws IOException, InterruptedException {
        Process wrk;
        try {
            wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                    "-H", "Accept-Language: de-DE,de;q=0.9,en;q=0.5", url).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is needed: apt-get install wrk", e);
        }
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed or saw errors:\n" + output);
        }
        return new Result(Double.parseDouble(find(RATE, output)), find(P50, output), find(P99, output));
    }

    private static String find(Pattern pattern, String output) {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("Unexpected wrk output:\n" + output);
        }
        return matcher.group(1);
    }
}
