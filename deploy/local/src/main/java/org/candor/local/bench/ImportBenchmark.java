package org.candor.local.bench;

import java.io.BufferedWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.candor.local.ServiceProcess;
import org.candor.local.ServiceSpec;
import org.candor.local.Suite;

/**
 * Imports a generated CSV of affected customers into a packaged incident-service and measures how
 * long it takes until every row is stored and every event is published to Kafka, the service's
 * peak resident memory, and - in the same run - the broker's raw produce rate as the ceiling.
 *
 * <p>Run with {@code bench/import-customers [rows]} (default 1,000,000).
 */
public final class ImportBenchmark {

    private static final ServiceSpec INCIDENT = ServiceSpec.named("incident-service");
    private static final String[] COUNTRIES = {"DE", "US", "FR", "GB", "AT", "BR", "AU"};
    private static final String[] US_STATES = {"US-TX", "US-CA", "US-NY", "US-WA", "US-FL", "US-VT", "US-ME"};

    private ImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path root = Path.of(System.getProperty("candor.root", ".")).toAbsolutePath().normalize();
        Path work = Files.createTempDirectory("candor-import-bench");
        Path csv = work.resolve("customers.csv");
        generate(csv, rows);
        System.out.printf("Generated %,d rows (%,d MB) in %s%n", rows, Files.size(csv) >> 20, csv);

        try (Suite suite = new Suite(root, work.resolve("state"), Suite.Ports.free()).startInfrastructure()) {
            double ceiling = kafkaProduceRate(suite.kafkaBootstrapServers(), 1_000_000);
            System.out.printf("Ceiling: raw Kafka produce on this broker: %,.0f records/s (300 B, acks=all)%n", ceiling);

            ServiceProcess service = suite.startService(INCIDENT);
            String token = suite.jwt().token("bench", Duration.ofHours(1), "incident-commander");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String incidentId = declare(http, service.baseUrl(), token);

            long start = System.nanoTime();
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(service.baseUrl() + "/api/incidents/" + incidentId + "/affected-customers/import"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "text/csv")
                    .timeout(Duration.ofMinutes(30))
                    .POST(HttpRequest.BodyPublishers.ofFile(csv))
                    .build(), HttpResponse.BodyHandlers.ofString());
            double imported = seconds(start);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Import failed: " + response.statusCode() + " " + response.body());
            }
            System.out.printf("Import answered after %.1f s: %s%n", imported, response.body().replaceAll("\"rejections\":\\[.*?\\],", ""));
            awaitOutboxDrained(suite);
            double published = seconds(start);
            long peakMiB = peakResidentMiB(service.pid());

            System.out.println();
            System.out.printf("rows:                         %,d%n", rows);
            System.out.printf("stored (import answered):     %.1f s  (%,.0f rows/s)%n", imported, rows / imported);
            System.out.printf("stored and events published:  %.1f s  (%,.0f rows/s)  target < 60 s%n", published,
                    rows / published);
            System.out.printf("peak resident memory:         %,d MiB (VmHWM of the service process)%n", peakMiB);
            System.out.printf("events/s vs raw Kafka ceiling: %.0f%%%n", 100 * (rows / published) / ceiling);
        }
    }

    private static void generate(Path csv, int rows) throws Exception {
        Random random = new Random(42);
        try (BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("customerId,name,email,phone,locale,country,region,segment\n");
            for (int i = 0; i < rows; i++) {
                String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
                String region = country.equals("US") ? US_STATES[random.nextInt(US_STATES.length)] : "";
                out.write("CUST-" + i + ",Customer " + i + ",customer" + i + "@example.org,+49151" + (1_000_000 + i)
                        + "," + (country.equals("DE") || country.equals("AT") ? "de" : "en") + "," + country + ","
                        + region + "," + (i % 10 == 0 ? "premium" : "retail") + "\n");
            }
        }
    }

    private static double kafkaProduceRate(String bootstrap, int records) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
        String value = "x".repeat(300);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>("bench.ceiling", "k" + i, value));
            }
            producer.flush();
            return records / seconds(start);
        }
    }

    private static String declare(HttpClient http, String baseUrl, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/incidents"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title":"Benchmark","summary":"Import benchmark","severity":"HIGH",
                         "detectedAt":"2026-01-01T00:00:00Z","awareAt":"2026-01-01T01:00:00Z"}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(response.body());
        if (response.statusCode() != 201 || !id.find()) {
            throw new IllegalStateException("Declaring failed: " + response.body());
        }
        return id.group(1);
    }

    private static void awaitOutboxDrained(Suite suite) throws Exception {
        try (Connection connection = DriverManager.getConnection(suite.jdbcUrl(INCIDENT.database()),
                INCIDENT.database(), suite.databasePassword(INCIDENT))) {
            while (true) {
                try (ResultSet result = connection.createStatement()
                        .executeQuery("select count(*) from outbox_event where published_at is null")) {
                    result.next();
                    if (result.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(100);
            }
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

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
