import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import org.candor.testsupport.ProcessCpu;

/**
 * Open-loop load at a fixed rate: each request has a planned start time and its latency counts from
 * then, so a stalled server cannot hide queueing (no coordinated omission). Measures a trivial
 * endpoint of the same process at the same rate in a phase of its own, then the mixed ticket
 * workload (create, filtered list, reply), and prints percentiles, their ratio and the CPU time the
 * service, PostgreSQL, the Kafka process and this load generator spent per request in each phase.
 *
 * <p>The requests go out through Vert.x's HTTP client on one event loop over kept-alive HTTP/1.1
 * connections (as many as requests are open, one request per connection at a time): on two cores
 * shared with the service, the client's own CPU time is taken from the service's, so it should be
 * small (the JDK's HttpClient spent several times as much per request).
 *
 * <p>Usage: {@code java -cp <vertx-core and netty> LoadGenerator.java <baseUrl> <token> <rate/s>
 * <warmupSeconds> <seconds> [<servicePid> <postgresPid> <kafkaPid>]}; the process ids (PostgreSQL's
 * postmaster, whose backends are counted with it) are read from {@code /proc}.
 */
public class LoadGenerator {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final int TIMEOUT_MILLIS = 10_000;

    /** One answer: kind of request, latency from its planned start, status, and the second of the phase it was due. */
    record Result(String kind, long latencyMicros, int status, int second) {
    }

    /** One request: method, path and query, JSON body or null, bearer token or null. */
    record Call(HttpMethod method, String uri, String json, String token) {
    }

    interface Workload {
        Call build(int kind);
    }

    public static void main(String[] args) throws Exception {
        int status = 0;
        try {
            measure(args);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        // The HTTP client's threads must not keep the JVM (and the calling script) alive.
        System.exit(status);
    }

    private static void measure(String[] args) throws Exception {
        URI base = URI.create(args[0]);
        String token = args[1];
        int rate = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int ramp = Math.min(warmup, Integer.parseInt(System.getenv().getOrDefault("BENCH_RAMP", "0")));
        CpuMeter cpu = args.length >= 8 ? new CpuMeter(Long.parseLong(args[5]), Long.parseLong(args[6]),
                Long.parseLong(args[7])) : null;
        ServiceThreads threads = cpu == null ? null : new ServiceThreads(cpu.servicePid());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort()).setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(1_000).setMaxWaitQueueSize(-1));

        List<String> ticketIds = new CopyOnWriteArrayList<>(openTicketIds(client, token));
        System.out.printf(Locale.ROOT, "Reply targets: %d open tickets%n", ticketIds.size());

        Workload mixed = kind -> switch (kind) {
            case 0 -> new Call(HttpMethod.POST, "/api/tickets", "{\"channel\":\"HOTLINE\",\"queue\":\"breach-hotline\","
                    + "\"priority\":\"HIGH\",\"subject\":\"Was my data stolen?\",\"locale\":\"de\"}", token);
            case 1 -> new Call(HttpMethod.GET, "/api/tickets?" + filter(), null, token);
            default -> new Call(HttpMethod.POST, "/api/tickets/" + ticketIds.get(ThreadLocalRandom.current()
                    .nextInt(ticketIds.size())) + "/messages",
                    "{\"kind\":\"PUBLIC_REPLY\",\"body\":\"We are on it and will call you back today.\"}", token);
        };
        // The same process's trivial endpoint, on its management interface (-Dbench.management=http://host:port).
        String trivialUri = System.getProperty("bench.management", base.toString()) + "/q/health/live";
        Workload trivial = kind -> new Call(HttpMethod.GET, trivialUri, null, null);

        // The trivial endpoint gets a phase of its own, first, so neither workload competes with the other
        // for the same cores and no backlog of ticket requests spills into it.
        // What the processes burn with no request at all (schedulers, consumers, JIT, GC), for reading
        // the per-request figures below.
        long[] idleStart = cpu == null ? null : cpu.sample();
        Map<Long, Long> idleStartThreads = threads == null ? null : threads.sample();
        if (cpu != null) {
            System.out.println("Idle for 10 s ...");
            TimeUnit.SECONDS.sleep(10);
        }
        long[] idleEnd = cpu == null ? null : cpu.sample();
        Map<Long, Long> idleEndThreads = threads == null ? null : threads.sample();
        System.out.println("Warm-up (trivial) ...");
        run(client, trivial, 1, rate, Math.max(5, Math.min(30, warmup / 2)), ticketIds);
        System.out.println("Measuring trivial endpoint ...");
        long[] trivialStart = cpu == null ? null : cpu.sample();
        Map<Long, Long> trivialStartThreads = threads == null ? null : threads.sample();
        List<Result> trivialResults = run(client, trivial, 1, rate, seconds, ticketIds);
        long[] trivialEnd = cpu == null ? null : cpu.sample();
        Map<Long, Long> trivialEndThreads = threads == null ? null : threads.sample();
        System.out.printf(Locale.ROOT, "Warm-up (mixed), %s: how the latency settles while the JIT compiler gets to"
                + " the hot paths ...%n", ramp == 0 ? "at full rate from the start"
                : "rising from " + rate / 10 + "/s to " + rate + "/s over the first " + ramp + " s");
        warmupWindows(run(client, mixed, 3, ramp == 0 ? rate : rate / 10, rate, ramp, warmup, ticketIds), warmup);
        System.out.println("Measuring mixed ticket workload ...");
        long[] mixedStart = cpu == null ? null : cpu.sample();
        Map<Long, Long> mixedStartThreads = threads == null ? null : threads.sample();
        List<Result> mixedResults = run(client, mixed, 3, rate, seconds, ticketIds);
        long[] mixedEnd = cpu == null ? null : cpu.sample();
        Map<Long, Long> mixedEndThreads = threads == null ? null : threads.sample();

        System.out.println();
        System.out.printf(Locale.ROOT, "%-22s %8s %8s %8s %8s %8s %8s %7s%n", "workload", "requests", "achieved/s",
                "p50 ms", "p90 ms", "p99 ms", "max ms", "errors");
        long[] mixedLatencies = report("mixed (all)", mixedResults, seconds);
        report("  create", mixedResults.stream().filter(r -> r.kind.equals("create")).toList(), seconds);
        report("  list with filters", mixedResults.stream().filter(r -> r.kind.equals("list")).toList(), seconds);
        report("  reply", mixedResults.stream().filter(r -> r.kind.equals("reply")).toList(), seconds);
        long[] trivialLatencies = report("trivial /q/health/live", trivialResults, seconds);
        System.out.printf(Locale.ROOT, "%nRatio p99 mixed / p99 trivial: %.2f; p50: %.2f%n",
                percentile(mixedLatencies, 99) / Math.max(1.0, percentile(trivialLatencies, 99)),
                percentile(mixedLatencies, 50) / Math.max(1.0, percentile(trivialLatencies, 50)));
        if (cpu != null) {
            System.out.println();
            System.out.printf(Locale.ROOT, "%-22s %14s %14s %14s %14s %14s%n", "CPU ms per request", "service",
                    "PostgreSQL", "Kafka process", "all three", "load generator");
            cpu.report("mixed", mixedStart, mixedEnd, mixedResults.size(), seconds);
            cpu.report("trivial", trivialStart, trivialEnd, trivialResults.size(), seconds);
            cpu.report("idle (ms per second)", idleStart, idleEnd, 10, 10);
            System.out.println();
            System.out.println("Service CPU ms per request by thread (the JIT compiler's share shrinks with a longer warm-up)");
            threads.report("mixed", mixedStartThreads, mixedEndThreads, mixedResults.size());
            threads.report("trivial", trivialStartThreads, trivialEndThreads, trivialResults.size());
            threads.report("idle (ms per second)", idleStartThreads, idleEndThreads, 10);
        }
    }

    /**
     * Sends {@code rate * seconds} requests, each at its planned time whatever the answers to earlier ones,
     * and waits for the answers (at most 30 s after the last was due).
     */
    private static List<Result> run(HttpClient client, Workload workload, int kinds, int rate, int seconds,
            List<String> ticketIds) throws Exception {
        return run(client, workload, kinds, rate, rate, 0, seconds, ticketIds);
    }

    /**
     * As {@link #run(HttpClient, Workload, int, int, int, List)}, the rate rising step by step each second from
     * {@code fromRate} to {@code rate} over the first {@code rampSeconds}, then staying at {@code rate}.
     */
    private static List<Result> run(HttpClient client, Workload workload, int kinds, int fromRate, int rate,
            int rampSeconds, int seconds, List<String> ticketIds) throws Exception {
        ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
        long[] offsets = plannedOffsets(fromRate, rate, rampSeconds, seconds);
        long start = System.nanoTime();
        int total = offsets.length;
        CountDownLatch answered = new CountDownLatch(total);
        for (int i = 0; i < total; i++) {
            long planned = start + offsets[i];
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int kind = i % kinds;
            String name = kinds == 1 ? "trivial" : kind == 0 ? "create" : kind == 1 ? "list" : "reply";
            send(client, workload.build(kind), (status, body) -> {
                long micros = (System.nanoTime() - planned) / 1000;
                results.add(new Result(name, micros, status, (int) ((planned - start) / 1_000_000_000L)));
                if (name.equals("create") && status == 201) {
                    Matcher matcher = ID.matcher(body);
                    if (matcher.find() && ticketIds.size() < 50_000) {
                        ticketIds.add(matcher.group(1));
                    }
                }
                answered.countDown();
            });
        }
        if (!answered.await(30, TimeUnit.SECONDS)) {
            // Requests still open 30 s after the last was due count as failed, with the latency so far.
            long now = System.nanoTime();
            List<Result> finished = new ArrayList<>(results);
            for (int i = finished.size(); i < total; i++) {
                finished.add(new Result("unfinished", (now - start - offsets[i]) / 1000, -2,
                        (int) (offsets[i] / 1_000_000_000L)));
            }
            return finished;
        }
        return new ArrayList<>(results);
    }

    /** When each request is due, in nanoseconds from the start: evenly spaced within each second. */
    private static long[] plannedOffsets(int fromRate, int rate, int rampSeconds, int seconds) {
        List<Long> offsets = new ArrayList<>();
        for (int second = 0; second < seconds; second++) {
            int perSecond = second >= rampSeconds ? rate : fromRate + (rate - fromRate) * second / rampSeconds;
            for (int i = 0; i < perSecond; i++) {
                offsets.add(second * 1_000_000_000L + i * (1_000_000_000L / perSecond));
            }
        }
        return offsets.stream().mapToLong(Long::longValue).toArray();
    }

    interface Answer {
        /** The status (-1: no answer within the timeout or the connection failed) and the body. */
        void accept(int status, String body);
    }

    private static void send(HttpClient client, Call call, Answer answer) {
        RequestOptions options = new RequestOptions().setMethod(call.method()).setIdleTimeout(TIMEOUT_MILLIS);
        if (call.uri().startsWith("http")) {
            options.setAbsoluteURI(call.uri());
        } else {
            options.setURI(call.uri());
        }
        if (call.token() != null) {
            options.putHeader("Authorization", "Bearer " + call.token());
        }
        client.request(options)
                .compose(request -> call.json() == null ? request.send()
                        : request.putHeader("Content-Type", "application/json").send(Buffer.buffer(call.json())))
                .compose(response -> response.body().map(body -> new Object[] {response.statusCode(), body}))
                .onComplete(outcome -> {
                    if (outcome.succeeded()) {
                        answer.accept((Integer) outcome.result()[0], outcome.result()[1].toString());
                    } else {
                        answer.accept(-1, "");
                    }
                });
    }

    private static String filter() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return switch (random.nextInt(4)) {
            case 0 -> "status=NEW&queue=breach-hotline&limit=50";
            case 1 -> "status=OPEN&channel=CHAT&limit=50";
            case 2 -> "queue=general&slaBreached=true&limit=50";
            default -> "customerId=C-" + random.nextInt(400_000) + "&limit=20";
        };
    }

    private static List<String> openTicketIds(HttpClient client, String token) throws Exception {
        java.util.concurrent.CompletableFuture<String> listed = new java.util.concurrent.CompletableFuture<>();
        int[] status = new int[1];
        send(client, new Call(HttpMethod.GET, "/api/tickets?status=NEW&limit=200", null, token), (code, body) -> {
            status[0] = code;
            listed.complete(body);
        });
        String body = listed.get(30, TimeUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        Matcher matcher = ID.matcher(body);
        while (matcher.find()) {
            ids.add(matcher.group(1));
        }
        if (ids.isEmpty()) {
            throw new IllegalStateException("No tickets to reply to: " + status[0] + " " + body);
        }
        return ids;
    }

    /**
     * CPU time (user + system) of the service, of PostgreSQL (the postmaster, its live backends and
     * those that already ended), of the Kafka process and of this load generator, from
     * {@code /proc/<pid>/stat}.
     */
    record CpuMeter(long servicePid, long postgresPid, long kafkaPid) {

        /** Clock ticks per second of the {@code /proc} counters ({@code getconf CLK_TCK}; 100 on Linux). */
        static final double TICKS = Double.parseDouble(System.getenv().getOrDefault("CLK_TCK", "100"));

        long[] sample() {
            return new long[] {ProcessCpu.ticks(servicePid), ProcessCpu.postgresTicks(postgresPid),
                    ProcessCpu.ticks(kafkaPid), ProcessCpu.ticks(ProcessHandle.current().pid()), System.nanoTime()};
        }

        void report(String name, long[] start, long[] end, int requests, int seconds) {
            double wallSeconds = (end[4] - start[4]) / 1e9;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s", name));
            long total = 0;
            for (int i = 0; i < 3; i++) {
                long ticks = end[i] - start[i];
                total += ticks;
                line.append(String.format(Locale.ROOT, " %14s", perRequest(ticks, requests)));
            }
            line.append(String.format(Locale.ROOT, " %14s", perRequest(total, requests)));
            line.append(String.format(Locale.ROOT, " %14s", perRequest(end[3] - start[3], requests)));
            line.append(String.format(Locale.ROOT, "   (%.0f %% of one core over %.0f s, %d requests)",
                    100.0 * total / TICKS / wallSeconds, wallSeconds, requests));
            System.out.println(line);
        }

        static String perRequest(long ticks, int requests) {
            return String.format(Locale.ROOT, "%.3f", ticks / TICKS * 1000.0 / Math.max(1, requests));
        }
    }

    /**
     * CPU time of the service's threads by kind, from {@code /proc/<pid>/task/<tid>/stat}. Read every 200 ms,
     * so that a thread which ends (the worker pool shrinks when idle) keeps what it spent.
     */
    static final class ServiceThreads {

        private static final List<String> KINDS = List.of("request workers", "event loops", "JIT compiler", "GC",
                "outbox relay", "Kafka clients", "other");

        private final long pid;
        private final Map<Long, String> kinds = new ConcurrentHashMap<>();
        private final Map<Long, Long> ticks = new ConcurrentHashMap<>();

        ServiceThreads(long pid) {
            this.pid = pid;
            Thread poller = new Thread(() -> {
                while (true) {
                    poll();
                    try {
                        TimeUnit.MILLISECONDS.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "service-thread-cpu");
            poller.setDaemon(true);
            poller.start();
        }

        Map<Long, Long> sample() {
            poll();
            return Map.copyOf(ticks);
        }

        void report(String name, Map<Long, Long> start, Map<Long, Long> end, int requests) {
            Map<String, Long> byKind = new java.util.LinkedHashMap<>();
            KINDS.forEach(kind -> byKind.put(kind, 0L));
            end.forEach((tid, spent) -> byKind.merge(kinds.get(tid), spent - start.getOrDefault(tid, 0L), Long::sum));
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-22s", name));
            byKind.forEach((kind, spent) -> line.append(String.format(Locale.ROOT, " %s %s,", kind,
                    CpuMeter.perRequest(spent, requests))));
            System.out.println(line.substring(0, line.length() - 1));
        }

        private synchronized void poll() {
            java.io.File[] tasks = new java.io.File("/proc/" + pid + "/task").listFiles();
            if (tasks == null) {
                return;
            }
            for (java.io.File task : tasks) {
                try {
                    String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                    long tid = Long.parseLong(task.getName());
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    kinds.computeIfAbsent(tid, id -> kind(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))));
                    ticks.put(tid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (java.io.IOException | RuntimeException gone) {
                    // The thread ended between listing and reading; its last reading stays.
                }
            }
        }

        /** The kind of a thread by its name as the kernel keeps it (the first 15 characters). */
        private static String kind(String name) {
            if (name.startsWith("executor-thread")) {
                return "request workers";
            } else if (name.startsWith("vert.x-eventloo")) {
                return "event loops";
            } else if (name.contains("CompilerThre")) {
                return "JIT compiler";
            } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                return "GC";
            } else if (name.startsWith("outbox-relay")) {
                return "outbox relay";
            } else if (name.startsWith("kafka") || name.startsWith("smallrye-kafka")) {
                return "Kafka clients";
            }
            return "other";
        }
    }

    /** p50 and p99 of the warm-up's requests in windows of 30 s, by when they were due. */
    private static void warmupWindows(List<Result> results, int seconds) {
        for (int from = 0; from < seconds; from += 30) {
            int window = from;
            long[] latencies = results.stream().filter(r -> r.second() >= window && r.second() < window + 30)
                    .mapToLong(Result::latencyMicros).sorted().toArray();
            long errors = results.stream().filter(r -> r.second() >= window && r.second() < window + 30)
                    .filter(r -> r.status() < 200 || r.status() >= 300).count();
            System.out.printf(Locale.ROOT, "  %4d-%4d s: p50 %9.1f ms, p99 %9.1f ms, %d errors%n", window,
                    Math.min(seconds, window + 30), percentile(latencies, 50) / 1000.0, percentile(latencies, 99) / 1000.0,
                    errors);
        }
    }

    private static long[] report(String name, List<Result> results, int seconds) {
        long[] latencies = results.stream().mapToLong(Result::latencyMicros).sorted().toArray();
        long errors = results.stream().filter(r -> r.status < 200 || r.status >= 300).count();
        System.out.printf(Locale.ROOT, "%-22s %8d %8.0f %8.1f %8.1f %8.1f %8.1f %7d%n", name, latencies.length,
                latencies.length / (double) seconds, percentile(latencies, 50) / 1000.0, percentile(latencies, 90) / 1000.0,
                percentile(latencies, 99) / 1000.0, latencies.length == 0 ? 0 : latencies[latencies.length - 1] / 1000.0,
                errors);
        if (errors > 0) {
            System.out.println("    failures by status (-1 no response in 10 s, -2 unfinished): " + results.stream()
                    .filter(r -> r.status < 200 || r.status >= 300)
                    .collect(java.util.stream.Collectors.groupingBy(Result::status, java.util.TreeMap::new,
                            java.util.stream.Collectors.counting())));
        }
        return latencies;
    }

    private static double percentile(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
