package org.candor.local.bench;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.candor.local.ServiceProcess;
import org.candor.local.ServiceSpec;
import org.candor.local.Suite;
import org.postgresql.PGConnection;

/**
 * Fans one breach notice out to N recipients (default 1,000,000) by email and SMS through a packaged
 * notification-service, against Postfix's smtp-sink and an SMS gateway sink ({@link SmsGatewaySink}),
 * each in a process of its own, and reports messages/s,
 * time to the last hand-off, p50/p99 from publish to hand-off and peak resident memory, next to
 * this machine's ceilings measured in the same run (Kafka produce, smtp-source to smtp-sink, SMS sink).
 *
 * <p>The recipient projection is loaded with COPY before the clock starts: the benchmark measures
 * the fan-out and the delivery, not the consumption of a million affected-customer events.
 * Run with {@code bench/notification-fanout [recipients]}.
 */
public final class NotificationFanoutBenchmark {

    private static final ServiceSpec NOTIFICATION = ServiceSpec.named("notification-service");
    private static final java.util.concurrent.atomic.AtomicReference<String> WORK = new java.util.concurrent.atomic.AtomicReference<>();

    private NotificationFanoutBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Path.of(System.getProperty("candor.root", ".")).toAbsolutePath().normalize();
        Path postfix = Path.of(System.getProperty("candor.postfix", "/tmp/candor-postfix/root"));
        Path work = Files.createTempDirectory("candor-fanout-bench");
        WORK.set(work.toString());
        List<Process> helpers = new ArrayList<>();
        try (Suite suite = new Suite(root, work.resolve("state"), Suite.Ports.free()).startInfrastructure()) {
            int smtpPort = org.candor.testsupport.FreePorts.next();
            helpers.add(smtpSink(postfix, smtpPort));
            int smsPort = org.candor.testsupport.FreePorts.next();
            helpers.add(smsSink(smsPort));
            String smsUrl = "http://127.0.0.1:" + smsPort;
            double kafkaCeiling = kafkaProduceRate(suite.kafkaBootstrapServers(), 500_000);
            double smtpCeiling = smtpRate(postfix, smtpPort, 50_000);
            double smsCeiling = smsRate(smsUrl, Duration.ofSeconds(10));
            System.out.printf("Ceilings: Kafka produce %,.0f records/s; smtp-source->smtp-sink %,.0f messages/s;"
                    + " SMS sink %,.0f requests/s%n", kafkaCeiling, smtpCeiling, smsCeiling);

            // What the service refuses to start without outside dev and test, then the benchmark's own values.
            Map<String, String> env = new LinkedHashMap<>(org.candor.testsupport.LocalSettings.environment(Map.of()));
            env.put("KAFKA_BOOTSTRAP_SERVERS", suite.kafkaBootstrapServers());
            env.put("QUARKUS_DATASOURCE_JDBC_URL", suite.jdbcUrl(NOTIFICATION.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", NOTIFICATION.database());
            env.put("QUARKUS_DATASOURCE_PASSWORD", suite.databasePassword(NOTIFICATION));
            env.put("CANDOR_JWT_PUBLIC_KEY_LOCATION", suite.jwt().publicKeyFile().toUri().toString());
            env.put("CANDOR_JWT_ISSUER", org.candor.testsupport.JwtIssuer.ISSUER);
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", String.valueOf(smtpPort));
            env.put("QUARKUS_MAILER_MAX_POOL_SIZE", "32");
            env.put("CANDOR_SMS_PRIMARY_URL", smsUrl);
            env.put("CANDOR_SMS_SECONDARY_URL", smsUrl);
            env.put("CANDOR_NOTIFICATION_EMAIL_CONCURRENCY", "32");
            env.put("CANDOR_NOTIFICATION_EMAIL_BATCH", "1000");
            env.put("CANDOR_NOTIFICATION_SMS_BATCH", "1000");
            env.put("CANDOR_NOTIFICATION_SMS_PRIMARY_CONCURRENCY", "32");
            env.put("CANDOR_NOTIFICATION_SMS_SECONDARY_CONCURRENCY", "8");
            env.put("CANDOR_OUTBOX_BATCH_SIZE", "2000");
            // No quiet hours: run at any hour, the benchmark measures sending every SMS, not waiting for the morning.
            env.put("CANDOR_NOTIFICATION_QUIET_HOURS_START", "00:00");
            env.put("CANDOR_NOTIFICATION_QUIET_HOURS_END", "00:00");
            // The timed path starts at the publication: the second commander's approval a send of this size needs
            // would only add a person's reaction time, so the benchmark's send needs none.
            env.put("CANDOR_NOTIFICATION_APPROVAL_THRESHOLD", String.valueOf(Long.MAX_VALUE));
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            env.put("CANDOR_NOTIFICATION_OPT_OUT_SECRET", randomSecret());
            env.put("CANDOR_NOTIFICATION_RECEIPT_SECRET", randomSecret());
            env.put("CANDOR_SMS_PRIMARY_AUTH_TOKEN", randomSecret());
            env.put("CANDOR_SMS_SECONDARY_AUTH_TOKEN", randomSecret());
            // e.g. -Dcandor.bench.service-java-options=-XX:StartFlightRecording=filename=/tmp/fanout.jfr to profile the service
            String serviceJavaOptions = System.getProperty("candor.bench.service-java-options");
            if (serviceJavaOptions != null && !serviceJavaOptions.isBlank()) {
                env.put("JAVA_TOOL_OPTIONS", serviceJavaOptions);
            }
            ServiceProcess service = ServiceProcess.start(NOTIFICATION,
                    root.resolve("notification-service/target/quarkus-app/quarkus-run.jar"),
                    org.candor.testsupport.FreePorts.next(), org.candor.testsupport.FreePorts.next(), env,
                    work.resolve("notification-service.log"))
                    .awaitReady(Duration.ofMinutes(2));
            System.out.println("notification-service log: " + service.logFile());
            // Whatever ends the benchmark, the service process ends with it.
            Runtime.getRuntime().addShutdownHook(new Thread(service::kill));

            UUID incident = UUID.randomUUID();
            try (KafkaProducer<String, String> producer = producer(suite.kafkaBootstrapServers())) {
                send(producer, "candor.incident.events", incident, "candor.incident.declared.v1", """
                        {"incidentId":"%s","title":"Benchmark breach","summary":"Fan-out benchmark","severity":"HIGH",
                         "detectedAt":"2026-01-01T00:00:00Z","awareAt":"2026-01-01T01:00:00Z","declaredAt":"2026-01-01T01:00:00Z"}"""
                        .formatted(incident));
                send(producer, "candor.incident.events", incident, "candor.incident.details-changed.v1", """
                        {"incidentId":"%s","title":"Benchmark breach","summaries":{"en":"Customer records were copied.",
                         "de":"Kundendaten wurden kopiert."},"severity":"HIGH","detectedAt":"2026-01-01T00:00:00Z",
                         "awareAt":"2026-01-01T01:00:00Z","dataCategories":["CONTACT","CREDENTIALS"],
                         "changedAt":"2026-01-01T02:00:00Z"}""".formatted(incident));
                send(producer, "candor.incident.events", incident, "candor.incident.risk-assessed.v1", """
                        {"incidentId":"%s","assessmentId":"%s","likelihood":"HIGH","impact":"HIGH","riskLevel":"HIGH_RISK",
                         "highRiskToIndividuals":true,"assessedAt":"2026-01-01T02:00:00Z"}""".formatted(incident, UUID.randomUUID()));
            }
            try (Connection db = DriverManager.getConnection(suite.jdbcUrl(NOTIFICATION.database()),
                    NOTIFICATION.database(), suite.databasePassword(NOTIFICATION))) {
                awaitCount(db, "select count(*) from known_incident where high_risk", 1);
                long seeded = System.nanoTime();
                seed(db, incident, recipients);
                System.out.printf("Seeded %,d recipients in %.1f s (COPY, not measured)%n", recipients, seconds(seeded));

                boolean statements = Boolean.getBoolean("candor.postgres.statements");
                if (statements) {
                    databaseStatements(suite, false);
                }
                Instant published = Instant.now();
                long start = System.nanoTime();
                Map<String, Double> cpuBefore = cpuSeconds(service.pid(), helpers.get(0).pid(), helpers.get(1).pid());
                try (KafkaProducer<String, String> producer = producer(suite.kafkaBootstrapServers())) {
                    send(producer, "candor.incident.events", incident, "candor.incident.update-published.v1", """
                            {"incidentId":"%s","updateId":"%s","revision":1,"status":"IDENTIFIED","audience":"AFFECTED",
                             "messages":{"en":"We reset every password and closed the gap.","de":"Wir haben alle Passwörter zurückgesetzt."},
                             "notifyPeople":true,"publishedAt":"%s"}""".formatted(incident, UUID.randomUUID(), published));
                }
                long total = 2L * recipients;
                long last = -1;
                while (true) {
                    // Counted through the partial indexes of what is still to do: cheap for the database, which
                    // is measured too (a count of the done rows read all two million every time). While the
                    // fan-out runs, its cursor (the last recipient id, BENCH-nnnnnnn) tells how far it got.
                    String cursor = text(db, "select coalesce(max(fan_out_cursor), '') from message");
                    boolean fannedOut = count(db, "select count(*) from message where fanned_out_at is not null") > 0;
                    long pending = count(db, "select (select count(*) from delivery where status = 'QUEUED')"
                            + " + (select count(*) from delivery where status = 'IN_FLIGHT')");
                    long reached = fannedOut ? recipients : cursor.startsWith("BENCH-") ? Long.parseLong(cursor.substring(6)) + 1 : 0;
                    long done = fannedOut ? total - pending : Math.max(0, 2 * reached - pending);
                    if (done != last) {
                        System.out.printf("  %6.1f s: %,d of %,d handed off (fanned out to %,d recipients)%n",
                                seconds(start), done, total, reached);
                        last = done;
                    }
                    if (done >= total) {
                        break;
                    }
                    Thread.sleep(5000);
                }
                double wall = seconds(start);
                long peak = peakResidentMiB(service.pid());
                Map<String, Double> cpuAfter = cpuSeconds(service.pid(), helpers.get(0).pid(), helpers.get(1).pid());
                StringBuilder cpu = new StringBuilder();
                cpuAfter.forEach((part, seconds) -> cpu.append(cpu.isEmpty() ? "" : ", ").append(part).append(' ')
                        .append(String.format("%.0f s", seconds - cpuBefore.getOrDefault(part, 0.0))));
                try (Statement statement = db.createStatement(); ResultSet r = statement.executeQuery(
                        "select extract(epoch from max(d.sent_at) - m.published_at),"
                        + " extract(epoch from percentile_disc(0.5) within group (order by d.sent_at - m.published_at)),"
                        + " extract(epoch from percentile_disc(0.99) within group (order by d.sent_at - m.published_at)),"
                        + " count(*) filter (where d.status = 'FAILED')"
                        + " from delivery d join message m on m.id = d.message_id where d.status = 'SENT' group by m.published_at")) {
                    r.next();
                    double toLast = r.getDouble(1);
                    System.out.println();
                    System.out.printf("recipients x channels:          %,d x 2 = %,d messages%n", recipients, total);
                    System.out.printf("time to the last hand-off:      %.1f s (observed by polling: %.1f s)%n", toLast, wall);
                    System.out.printf("messages/s end to end:          %,.0f  (target >= 5,000)%n", total / toLast);
                    System.out.printf("publish -> hand-off p50 / p99:  %.1f s / %.1f s%n", r.getDouble(2), r.getDouble(3));
                    System.out.printf("peak resident memory:           %,d MiB (VmHWM of the service)%n", peak);
                    System.out.printf("CPU time while fanning out:     %s (of %.0f s x %d cores)%n", cpu, wall,
                            Runtime.getRuntime().availableProcessors());
                    System.out.printf("load average at the end:        %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
                    System.out.printf("vs ceilings: SMTP sink %.0f%% of %,.0f/s (for %,d emails/s), SMS sink %.0f%% of %,.0f/s,"
                            + " Kafka %,.0f records/s%n", 100 * (recipients / toLast) / smtpCeiling, smtpCeiling,
                            (long) (recipients / toLast), 100 * (recipients / toLast) / smsCeiling, smsCeiling, kafkaCeiling);
                }
                if (statements) {
                    databaseStatements(suite, true);
                }
            }
            service.stop();
        } finally {
            helpers.forEach(Process::destroy);
        }
    }

    /**
     * With {@code -Dcandor.postgres.statements=true} (PostgreSQL then loads pg_stat_statements): resets the
     * statistics before the fan-out and prints where the database's time went after it.
     */
    private static void databaseStatements(Suite suite, boolean report) throws Exception {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + suite.postgresPort() + "/"
                + NOTIFICATION.database(), "postgres", ""); Statement statement = admin.createStatement()) {
            if (!report) {
                statement.execute("create extension if not exists pg_stat_statements");
                statement.execute("select pg_stat_statements_reset()");
                return;
            }
            System.out.println("\nDatabase time by statement (pg_stat_statements, top 12):");
            try (ResultSet r = statement.executeQuery("select round(total_exec_time::numeric / 1000, 1), calls, rows,"
                    + " left(regexp_replace(query, '\\s+', ' ', 'g'), 150) from pg_stat_statements"
                    + " order by total_exec_time desc limit 12")) {
                while (r.next()) {
                    System.out.printf("  %7.1f s %8d calls %9d rows  %s%n", r.getDouble(1), r.getLong(2), r.getLong(3),
                            r.getString(4));
                }
            }
        }
    }

    /** Loads the projection as the consumer would have left it: recipients and their link to the incident. */
    private static void seed(Connection db, UUID incident, int recipients) throws Exception {
        db.setAutoCommit(false);
        var copy = db.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder people = new StringBuilder(recipients * 120);
        StringBuilder links = new StringBuilder(recipients * 50);
        for (int i = 0; i < recipients; i++) {
            String id = String.format("BENCH-%07d", i);
            boolean german = i % 2 == 0;
            people.append(id).append("\tCUSTOMER\tCustomer ").append(i).append("\tcustomer").append(i)
                    .append("@example.org\t+49151").append(1_000_000 + i).append('\t').append(german ? "de" : "en")
                    .append('\t').append(german ? "DE" : "GB").append('\t').append(german ? "Europe/Berlin" : "Europe/London")
                    .append("\t2026-01-01T00:00:00Z\n");
            links.append(incident).append('\t').append(id).append('\n');
        }
        copy.copyIn("copy recipient (id, kind, name, email, phone, locale, country, time_zone, updated_at) from stdin",
                new StringReader(people.toString()));
        copy.copyIn("copy incident_recipient (incident_id, recipient_id) from stdin", new StringReader(links.toString()));
        db.commit();
        db.setAutoCommit(true);
        try (Statement statement = db.createStatement()) {
            statement.execute("analyze recipient");
            statement.execute("analyze incident_recipient");
        }
    }

    private static Process smtpSink(Path postfix, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(postfix.resolve("usr/sbin/smtp-sink").toString(), "-u", "root", "-c",
                "127.0.0.1:" + port, "1024").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LD_LIBRARY_PATH", postfix.resolve("usr/lib/postfix").toString());
        Process process = builder.start();
        Thread.sleep(500);
        if (!process.isAlive()) {
            throw new IllegalStateException("smtp-sink did not start (is " + postfix + " unpacked?)");
        }
        return process;
    }

    private static double smtpRate(Path postfix, int port, int messages) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(postfix.resolve("usr/sbin/smtp-source").toString(), "-s", "16",
                "-l", "2048", "-m", String.valueOf(messages), "-f", "bench@example.org", "-t", "sink@example.org",
                "127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("LD_LIBRARY_PATH", postfix.resolve("usr/lib/postfix").toString());
        long start = System.nanoTime();
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("smtp-source failed");
        }
        return messages / seconds(start);
    }

    /** The SMS gateway sink in a process of its own (its CPU is then counted on its own). */
    private static Process smsSink(int port) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), SmsGatewaySink.class.getName(), String.valueOf(port))
                .redirectErrorStream(true).start();
        String first = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
        if (first == null || !first.startsWith("ready")) {
            throw new IllegalStateException("The SMS gateway sink did not start: " + first);
        }
        return process;
    }

    private static double smsRate(String baseUrl, Duration duration) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/2010-04-01/Accounts/AC0/Messages.json"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B491511000000&From=%2B15005550006&Body=Benchmark")).build();
        long start = System.nanoTime();
        for (int i = 0; i < 32; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    try {
                        http.send(request, HttpResponse.BodyHandlers.discarding());
                        done.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(duration.toSeconds() + 30, TimeUnit.SECONDS);
        return done.get() / seconds(start);
    }

    private static double kafkaProduceRate(String bootstrap, int records) throws Exception {
        String value = "x".repeat(300);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("bench.ceiling", "k" + i, value));
            }
            producer.flush();
            return records / seconds(start);
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG,
                "all"), new StringSerializer(), new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, String topic, UUID key, String type, String json)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, null, key.toString(), json.replace("\n", ""), List.of(
                new RecordHeader("ce_specversion", "1.0".getBytes()),
                new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes()),
                new RecordHeader("ce_type", type.getBytes()),
                new RecordHeader("ce_source", "/candor/bench".getBytes()),
                new RecordHeader("ce_subject", key.toString().getBytes()),
                new RecordHeader("content-type", "application/json".getBytes())))).get();
    }

    private static void awaitCount(Connection db, String sql, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (count(db, sql) < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out: " + sql);
            }
            Thread.sleep(200);
        }
    }

    private static String text(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }

    private static long count(Connection db, String sql) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static long peakResidentMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    /**
     * CPU seconds so far of each part of the run: the service, PostgreSQL (its processes and the
     * backends that have exited), this JVM (Kafka broker, the benchmark's polling), smtp-sink and the SMS sink.
     */
    private static Map<String, Double> cpuSeconds(long servicePid, long smtpSinkPid, long smsSinkPid) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpu.put("service", cpuSeconds(servicePid, false));
        // pg_ctl detaches the postmaster, so it is found by its data directory under this run's work directory.
        cpu.put("PostgreSQL", ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("postgres") && c.contains(WORK.get())).orElse(false))
                .flatMap(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster),
                        postmaster.descendants()))
                .distinct().mapToDouble(p -> cpuSeconds(p.pid(), true)).sum());
        cpu.put("Kafka+benchmark", cpuSeconds(ProcessHandle.current().pid(), false));
        cpu.put("smtp-sink", cpuSeconds(smtpSinkPid, false));
        cpu.put("SMS sink", cpuSeconds(smsSinkPid, false));
        return cpu;
    }

    private static double cpuSeconds(long pid, boolean withExitedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime, stime, cutime, cstime are fields 14-17 of /proc/<pid>/stat, in clock ticks (100 a second).
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withExitedChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks / 100.0;
        } catch (Exception gone) {
            return 0;
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
