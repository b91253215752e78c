import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Open-loop load on the deadline calculator of a running compliance-service, from a process of its own:
 * {@code POST /api/deadlines/calculate} with a bearer token and a JSON body whose population names every
 * country and US state the catalogue's conditions name (each above the largest threshold, every flag set,
 * every trigger known, high risk), so every regime of the catalogue is computed; the awareness time varies
 * per request over two years, so holidays, DST changes and weekends vary too. The trivial endpoint
 * {@code /q/health/live} is called at the same rate, interleaved with the calculator in the same run, so both
 * see the same machine. Each request has a planned start; its latency counts from then (no coordinated omission).
 *
 * <p>Usage: {@code java -cp <test-support classpath> CalculatorLoad.java <baseUrl> <token> <catalogue.json>
 * <rate/s per endpoint> <warmupSeconds> <seconds>}
 */
public class CalculatorLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(boolean calculator, long micros, int status) {
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            run(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static void run(String[] args) throws Exception {
        java.net.URI base = java.net.URI.create(args[0]);
        // The same process's trivial endpoint, on its management interface (-Dbench.management=http://host:port).
        String trivialUri = System.getProperty("bench.management", args[0]) + "/q/health/live";
        String token = args[1];
        JsonNode catalogue = JSON.readTree(Files.readString(Path.of(args[2])));
        int rate = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        int seconds = Integer.parseInt(args[5]);

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(200).setMaxWaitQueueSize(-1));

        Request sample = new Request(catalogue);
        String first = sample.body(Instant.parse("2026-03-27T15:30:00Z"));
        Buffer answer = call(client, HttpMethod.POST, "/api/deadlines/calculate", first, token);
        JsonNode parsed = JSON.readTree(answer.toString());
        if (!parsed.has("obligations")) {
            throw new IllegalStateException("Unexpected answer: " + answer);
        }
        System.out.printf(Locale.ROOT, "Population: %d places (%s); %d regimes in the catalogue, %d obligations per"
                + " answer; request body %d bytes, answer %d bytes%n", sample.places.size(), String.join(" ", sample.places),
                catalogue.path("regimes").size(), parsed.path("obligations").size(), first.length(), answer.length());

        System.out.printf(Locale.ROOT, "Warm-up: %d s at %d/s per endpoint ...%n", warmup, rate);
        load(client, sample, token, trivialUri, rate, warmup);
        System.out.printf(Locale.ROOT, "Measuring: %d s at %d/s per endpoint, interleaved ...%n", seconds, rate);
        List<Result> results = load(client, sample, token, trivialUri, rate, seconds);

        System.out.printf(Locale.ROOT, "%n%-34s %8s %8s %8s %8s %8s %7s%n", "endpoint", "requests", "p50 ms", "p90 ms",
                "p99 ms", "max ms", "errors");
        long[] calc = report("POST /api/deadlines/calculate", results.stream().filter(Result::calculator).toList());
        long[] trivial = report("GET /q/health/live (trivial)", results.stream().filter(r -> !r.calculator()).toList());
        System.out.printf(Locale.ROOT, "%ncalculator over HTTP: p50 %.2f ms, p99 %.2f ms (target p99 < 20 ms); trivial"
                + " endpoint p50 %.2f ms, p99 %.2f ms; ratio p99 %.2f%n", pct(calc, 50), pct(calc, 99), pct(trivial, 50),
                pct(trivial, 99), pct(calc, 99) / Math.max(0.001, pct(trivial, 99)));
        vertx.close();
    }

    /** Sends both kinds at {@code rate}/s each for {@code seconds}, alternating, and waits for every answer. */
    private static List<Result> load(HttpClient client, Request request, String token, String trivialUri, int rate,
            int seconds)
            throws InterruptedException {
        int total = rate * seconds * 2;
        long intervalNanos = 1_000_000_000L / (rate * 2L);
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long planned = start + i * intervalNanos;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            boolean calculator = i % 2 == 0;
            RequestOptions options = new RequestOptions().setMethod(calculator ? HttpMethod.POST : HttpMethod.GET)
                    .setTimeout(10_000);
            if (calculator) {
                options.setURI("/api/deadlines/calculate");
            } else {
                options.setAbsoluteURI(trivialUri);
            }
            Buffer body = null;
            if (calculator) {
                options.putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
                body = Buffer.buffer(request.body(request.randomAwareness()));
            }
            Buffer payload = body;
            client.request(options)
                    .compose(req -> payload == null ? req.send() : req.send(payload))
                    .compose(resp -> resp.body().map(b -> resp.statusCode()))
                    .onComplete(outcome -> {
                        results.add(new Result(calculator, (System.nanoTime() - planned) / 1_000,
                                outcome.succeeded() ? outcome.result() : -1));
                        done.countDown();
                    });
        }
        if (!done.await(60, TimeUnit.SECONDS)) {
            System.out.printf("%d requests without an answer after 60 s%n", done.getCount());
        }
        return new ArrayList<>(results);
    }

    private static Buffer call(HttpClient client, HttpMethod method, String uri, String json, String token)
            throws Exception {
        return client.request(new RequestOptions().setMethod(method).setURI(uri).putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "application/json"))
                .compose(req -> req.send(json)).compose(resp -> resp.body()).toCompletionStage().toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
    }

    private static long[] report(String name, List<Result> results) {
        long errors = results.stream().filter(r -> r.status() != 200).count();
        long[] micros = results.stream().mapToLong(Result::micros).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-34s %8d %8.2f %8.2f %8.2f %8.2f %7d%n", name, micros.length, pct(micros, 50),
                pct(micros, 90), pct(micros, 99), micros.length == 0 ? 0 : micros[micros.length - 1] / 1000.0, errors);
        return micros;
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1000.0;
    }

    /** Every place, flag and trigger the catalogue's regimes name, as one calculator request. */
    static final class Request {

        final Set<String> places = new TreeSet<>();
        private final Set<String> flags = new TreeSet<>();
        private final Set<String> establishments = new TreeSet<>(Set.of("DE"));
        private final Set<String> triggers = new TreeSet<>();
        private long largestMin = 1;
        private final JsonNode catalogue;

        Request(JsonNode catalogue) {
            this.catalogue = catalogue;
            for (JsonNode regime : catalogue.path("regimes")) {
                String trigger = regime.path("trigger").asText();
                if (!trigger.startsWith("REPORT_SUBMITTED") && !trigger.equals("AWARENESS")) {
                    triggers.add(trigger);
                }
                regime.path("conditions").forEach(this::collect);
            }
            flags.remove("DORA_NO_WEEKEND_RELIEF");
        }

        private void collect(JsonNode condition) {
            String type = condition.path("type").asText();
            condition.path("anyOf").forEach(this::collect);
            if (type.equals("FLAG")) {
                condition.path("flags").forEach(f -> flags.add(f.asText()));
            } else if (type.equals("ESTABLISHMENT")) {
                condition.path("countries").forEach(c -> establishments.add(c.asText()));
            } else if (type.equals("POPULATION")) {
                largestMin = Math.max(largestMin, condition.path("min").asLong(1));
                for (JsonNode country : condition.path("countries")) {
                    String code = country.asText();
                    if (code.startsWith("@")) {
                        catalogue.path("countryGroups").path(code.substring(1)).forEach(c -> places.add(c.asText()));
                    } else {
                        places.add(code);
                    }
                }
                condition.path("regions").forEach(r -> places.add(r.asText()));
            }
        }

        Instant randomAwareness() {
            long twoYears = Duration.ofDays(730).toSeconds();
            return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(ThreadLocalRandom.current().nextLong(twoYears));
        }

        String body(Instant aware) {
            ObjectNode root = JSON.createObjectNode();
            ObjectNode profile = root.putObject("profile").put("timezone", "Europe/Berlin");
            establishments.forEach(profile.putArray("establishments")::add);
            flags.forEach(profile.putArray("flags")::add);
            ObjectNode t = root.putObject("triggers");
            t.put("AWARENESS", aware.atOffset(ZoneOffset.UTC).toString());
            int i = 1;
            for (String trigger : triggers) {
                t.put(trigger, aware.plusSeconds(1_800L * i++).atOffset(ZoneOffset.UTC).toString());
            }
            ArrayNode population = root.putArray("population");
            for (String place : places) {
                ObjectNode entry = population.addObject();
                if (place.contains("-")) {
                    entry.put("country", place.substring(0, 2)).put("region", place);
                } else {
                    entry.put("country", place).putNull("region");
                }
                entry.put("count", largestMin + 1);
            }
            root.put("highRisk", true).put("riskLevel", "HIGH_RISK");
            root.putArray("dataCategories").add("HEALTH").add("CONTACT");
            return root.toString();
        }
    }
}
