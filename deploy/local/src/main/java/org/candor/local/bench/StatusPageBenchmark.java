package org.candor.local.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.candor.local.ServiceProcess;
import org.candor.local.ServiceSpec;
import org.candor.local.Suite;

/**
 * The public status page under a surge, against a packaged incident-service with 3 public incidents and
 * 20 public updates on the page. In the same run and against the same process: the highest throughput of
 * {@code /status} and of the service's trivial {@code /q/health/live} (wrk, 2 threads, 64 connections,
 * from its own process), then {@code /status} at a fixed 5,000 requests/s (an open-loop generator in this
 * process, latency counted from when each request was due), with the machine's load average.
 *
 * <p>Run with {@code bench/status-page [seconds per measurement] [rate]} (defaults 15 and 5000).
 */
public final class StatusPageBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private StatusPageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        Path root = Path.of(System.getProperty("candor.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("candor-status-bench");
        try (Suite suite = new Suite(root, work, Suite.Ports.free()).startInfrastructure()
                .startServices(List.of(ServiceSpec.named("incident-service")))) {
            ServiceProcess incident = suite.service("incident-service");
            String base = incident.baseUrl();
            seed(suite, base);
            String page = base + "/status";
            // The same process's trivial endpoint, on its management interface.
            String health = incident.managementUrl() + "/q/health/live";
            HttpResponse<String> sample = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(page))
                    .header("Accept-Language", "de-DE,de;q=0.9,en;q=0.5").build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("/status: %d, %,d bytes, %d incidents, %d updates%n", sample.statusCode(),
                    sample.body().length(), count(sample.body(), "<article"), count(sample.body(), "<time "));

            printHeaders(page + "?lang=en");

            System.out.println("Warming up both endpoints ...");
            Wrk.run(health, 10, 64);
            Wrk.run(page, 10, 64);

            String loadBefore = loadAverage();
            Wrk.Result healthResult = Wrk.run(health, seconds, 64);
            Wrk.Result pageResult = Wrk.run(page, seconds, 64);
            FixedRateLoad.Result fixed = FixedRateLoad.run(URI.create(page), rate, Duration.ofSeconds(seconds));
            String loadAfter = loadAverage();

            System.out.println();
            System.out.printf("%-44s %14s %14s%n", "", "/q/health/live", "/status");
            System.out.printf("%-44s %,14.0f %,14.0f%n", "highest throughput (wrk -t2 -c64), req/s", healthResult.requestsPerSecond(),
                    pageResult.requestsPerSecond());
            System.out.printf("%-44s %14s %14s%n", "  latency p50 / p99 at that load", healthResult.p50() + " / " + healthResult.p99(),
                    pageResult.p50() + " / " + pageResult.p99());
            System.out.printf("%-44s %14s %13.0f%%  (target >= 50%%)%n", "/status throughput vs /q/health/live", "",
                    100 * pageResult.requestsPerSecond() / healthResult.requestsPerSecond());
            System.out.printf("%-44s %14s %,14.0f%n", "fixed rate " + rate + " req/s: achieved req/s", "", fixed.achieved());
            System.out.printf("%-44s %14s %14s  (target p99 < 50 ms)%n", "  latency p50 / p99 / max (ms, from due time)", "",
                    String.format("%.1f / %.1f / %.0f", fixed.p50(), fixed.p99(), fixed.max()));
            System.out.printf("%-44s %14s %,14d%n", "  errors (non-200 or failed)", "", fixed.errors());
            System.out.printf("load average (1, 5, 15 min) before: %s, after: %s; %d cores%n", loadBefore, loadAfter,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** Three public incidents with 20 public updates between them (7, 7 and 6), each in English and German. */
    private static void seed(Suite suite, String base) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String token = "Bearer " + suite.jwt().token("bench-commander", Duration.ofHours(2), "incident-commander");
        String[] statuses = {"INVESTIGATING", "IDENTIFIED", "MONITORING"};
        int[] updates = {7, 7, 6};
        for (int i = 0; i < 3; i++) {
            OffsetDateTime aware = OffsetDateTime.now(ZoneOffset.UTC).minusHours(10 - i).withNano(0);
            String declared = post(http, base + "/api/incidents", token, """
                    {"title": "Incident %d: unauthorised access to the customer portal",
                     "summaries": {"en": "Attackers used stolen credentials to read customer records.",
                                   "de": "Angreifer haben mit gestohlenen Zugangsdaten Kundendaten gelesen."},
                     "severity": "HIGH", "detectedAt": "%s", "awareAt": "%s",
                     "dataCategories": ["CONTACT", "CREDENTIALS", "PAYMENT_CARD"]}"""
                    .formatted(i + 1, aware.minusHours(1), aware));
            Matcher id = ID.matcher(declared);
            if (!id.find()) {
                throw new IllegalStateException("Declaring failed: " + declared);
            }
            for (int u = 0; u < updates[i]; u++) {
                String text = "Update %d: we have %s and will report again within the hour. Please change your password."
                        .formatted(u + 1, u % 2 == 0 ? "closed the access path" : "informed the authorities");
                post(http, base + "/api/incidents/" + id.group(1) + "/updates", token, """
                        {"status": "%s", "audience": "PUBLIC", "notifyPeople": false,
                         "messages": {"en": "%s", "de": "%s"}}""".formatted(statuses[u % 3], text, text));
            }
        }
    }

    private static String post(HttpClient http, String url, String token, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** What {@code curl -I} shows for the page (its headers), if curl is installed. */
    private static void printHeaders(String url) throws InterruptedException {
        try {
            Process curl = new ProcessBuilder("curl", "-sI", url).redirectErrorStream(true).start();
            String output = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            curl.waitFor();
            System.out.println("$ curl -I " + url);
            System.out.println(output.strip());
        } catch (IOException e) {
            System.out.println("(curl not installed: no header listing)");
        }
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return String.join(" ", new ArrayList<>(List.of(fields)).subList(0, 3));
    }
}
