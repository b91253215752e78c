package org.candor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.candor.contracts.CloudEventHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.internet.MimeMessage;

/**
 * Breach day with the infrastructure failing underneath: the five packaged services fan a breach
 * notice out to 10,000 customers while 10,000 more are imported and support agents and analysts keep
 * working; the Kafka broker goes away for 60 seconds, then PostgreSQL restarts once. Afterwards every
 * customer has had the notice exactly once on each channel (counted at the SMTP server and the SMS
 * gateways), every event reached every consumer, nothing was dead-lettered, and the public status page
 * kept answering.
 */
class GameDayIT {

    private static final int WAVE = 10_000;
    private static final Duration BROKER_OUTAGE = Duration.ofSeconds(60);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static Suite suite;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeAll
    static void startSuite() throws Exception {
        Path root = Path.of(System.getProperty("candor.root", "../..")).toAbsolutePath().normalize();
        suite = new Suite(root, Files.createTempDirectory("candor-game-day"), Suite.Ports.free())
                .startInfrastructure()
                .startServices(ServiceSpec.ALL);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void brokerOutageAndDatabaseRestartDuringAFanOutLoseNothingAndSendNothingTwice() throws Exception {
        String incident = declareHighRiskIncident();
        List<Customer> firstWave = customers("GD1", 0);
        List<Customer> secondWave = customers("GD2", WAVE);
        assertThat(importCustomers(incident, firstWave)).as("first import").isEqualTo(200);
        awaitDb("notification-service", "select count(*) from incident_recipient where incident_id = '" + incident + "'",
                WAVE, Duration.ofMinutes(3), "the first wave known to notification-service");

        try (Traffic traffic = new Traffic()) {
            publishBreachNotice(incident);
            String message = approveAsSecondCommander(incident);
            awaitDb("notification-service", "select count(*) from delivery where message_id = '" + message
                    + "' and status = 'SENT'", 1_000, Duration.ofMinutes(2), "the fan-out under way");

            // The broker goes away in the middle of the fan-out; forensics' second list arrives meanwhile.
            Instant brokerDown = Instant.now();
            suite.stopKafka();
            traffic.mark("broker down");
            assertThat(importCustomers(incident, secondWave)).as("import with the broker down").isEqualTo(200);
            long sentDuringOutage = count("notification-service", "select count(*) from delivery where message_id = '"
                    + message + "' and status = 'SENT'");
            Thread.sleep(Math.max(0, BROKER_OUTAGE.minus(Duration.between(brokerDown, Instant.now())).toMillis()));
            suite.startKafka();
            traffic.mark("broker back");

            // Once the late customers flow in again, PostgreSQL restarts under every service.
            awaitDb("notification-service", "select count(*) from incident_recipient where incident_id = '" + incident
                    + "'", WAVE + 1_000, Duration.ofMinutes(3), "the second wave arriving at notification-service");
            Set<String> inFlight = inFlight(message);
            suite.restartPostgres();
            traffic.mark("database restarted");
            Thread.sleep(10_000);
            traffic.mark("end");
            traffic.close();

            awaitEveryoneSent(incident, message);
            Map<String, Integer> emails = emailsByAddress();
            Map<String, Integer> sms = smsByNumber();
            List<String> withoutMessage = new ArrayList<>();
            List<String> twice = new ArrayList<>();
            for (Customer customer : concat(firstWave, secondWave)) {
                int email = emails.getOrDefault(customer.email(), 0);
                int text = sms.getOrDefault(customer.phone(), 0);
                if (email == 0 || text == 0) {
                    withoutMessage.add(customer.id());
                }
                if (email > 1) {
                    twice.add(customer.id() + "/EMAIL");
                }
                if (text > 1) {
                    twice.add(customer.id() + "/SMS");
                }
            }
            Availability status = traffic.status();
            System.out.printf("[game-day] %,d customers (%,d by the import during the broker outage), %,d deliveries:"
                    + " %d people without the notice, %d deliveries twice (%d were in flight when PostgreSQL restarted);"
                    + " %,d sent while the broker was down%n", 2 * WAVE, WAVE, 4 * WAVE, withoutMessage.size(),
                    twice.size(), inFlight.size(), sentDuringOutage);
            System.out.printf("[game-day] status page: %,d of %,d requests answered 200 (%.2f%%), p99 %d ms%n",
                    status.ok(), status.requests(), status.percentOk(), status.p99Millis());
            traffic.printWrites();

            assertThat(withoutMessage).as("customers without the breach notice").isEmpty();
            // Only what a provider had accepted in the instant before the database went away may come twice.
            assertThat(twice).as("deliveries that reached a person twice").allSatisfy(key -> assertThat(inFlight).contains(key));
            assertThat(sentDuringOutage).as("the fan-out went on without the broker").isGreaterThan(1_000);
            assertThat(status.percentOk()).as("status page availability").isGreaterThanOrEqualTo(99.0);
            assertThat(traffic.writesWhileBrokerDown()).as("ticket and survey writes while the broker was down")
                    .isGreaterThan(100);
            assertThat(traffic.failedWhileBrokerDown()).as("ticket and survey writes refused while the broker was down")
                    .isEmpty();
        }

        assertEveryConsumedEventApplied();
        assertNoDeadLetters();
    }

    // --- the breach -------------------------------------------------------------------------------------

    private String declareHighRiskIncident() throws Exception {
        OffsetDateTime aware = OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0);
        HttpResponse<String> declared = send("incident-service", "POST", "/api/incidents", commander(1), """
                {"title": "Customer database copied", "summary": "An attacker copied contact data.",
                 "severity": "HIGH", "detectedAt": "%s", "awareAt": "%s"}""".formatted(aware.minusHours(1), aware));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(201);
        Matcher id = ID.matcher(declared.body());
        assertThat(id.find()).isTrue();
        String incident = id.group(1);
        HttpResponse<String> risk = send("incident-service", "POST", "/api/incidents/" + incident + "/risk-assessments",
                commander(1), """
                {"likelihood": "HIGH", "impact": "HIGH", "rationale": "Contact data of many customers was copied."}""");
        assertThat(risk.statusCode()).as(risk.body()).isBetween(200, 201);
        awaitDb("notification-service", "select count(*) from known_incident where id = '" + incident + "' and high_risk", 1,
                Duration.ofMinutes(1), "the high risk known to notification-service");
        return incident;
    }

    private void publishBreachNotice(String incident) throws Exception {
        HttpResponse<String> published = send("incident-service", "POST", "/api/incidents/" + incident + "/updates",
                commander(1), """
                {"status": "IDENTIFIED", "audience": "AFFECTED", "notifyPeople": true,
                 "messages": {"en": "We closed the gap and reset every password.",
                              "de": "Wir haben die Lücke geschlossen und alle Passwörter zurückgesetzt."}}""");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
    }

    /** A send this big waits for a second commander; the test gives the approval over the API. */
    private String approveAsSecondCommander(String incident) throws Exception {
        awaitDb("notification-service", "select count(*) from message where incident_id = '" + incident
                + "' and approval_required", 1, Duration.ofMinutes(1), "the breach notice waiting for approval");
        String message = text("notification-service", "select id from message where incident_id = '" + incident
                + "' and approval_required");
        HttpResponse<String> approved = send("notification-service", "POST", "/api/messages/" + message + "/approve",
                commander(2), null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        return message;
    }

    private record Customer(String id, String email, String phone) {
    }

    private static List<Customer> customers(String prefix, int offset) {
        List<Customer> customers = new ArrayList<>();
        for (int i = 0; i < WAVE; i++) {
            customers.add(new Customer(prefix + "-" + String.format("%05d", i), prefix.toLowerCase() + "-" + i
                    + "@customers.example.org", "+4915110" + String.format("%06d", offset + i)));
        }
        return customers;
    }

    private int importCustomers(String incident, List<Customer> customers) throws Exception {
        StringBuilder csv = new StringBuilder("customerId,name,email,phone,locale,country,region,segment\n");
        for (int i = 0; i < customers.size(); i++) {
            Customer customer = customers.get(i);
            boolean german = i % 2 == 0;
            csv.append(customer.id()).append(",Customer ").append(customer.id()).append(',').append(customer.email())
                    .append(',').append(customer.phone()).append(',').append(german ? "de,DE" : "en,GB").append(",,retail\n");
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                suite.service("incident-service").baseUrl() + "/api/incidents/" + incident + "/affected-customers/import"))
                .header("Authorization", "Bearer " + commander(1)).header("Content-Type", "text/csv")
                .timeout(Duration.ofMinutes(3)).POST(HttpRequest.BodyPublishers.ofString(csv.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).as("import report").contains("\"rejected\":0");
        return response.statusCode();
    }

    private void awaitEveryoneSent(String incident, String message) throws Exception {
        awaitDb("notification-service", "select count(*) from incident_recipient where incident_id = '" + incident + "'",
                2 * WAVE, Duration.ofMinutes(5), "both waves known to notification-service");
        awaitDb("notification-service", "select count(*) from message m where m.id = '" + message
                + "' and m.fanned_out_at is not null and not exists (select 1 from fan_out_addition a where a.message_id = m.id)"
                + " and not exists (select 1 from delivery d where d.message_id = m.id and d.status in ('QUEUED', 'IN_FLIGHT'))",
                1, Duration.ofMinutes(10), "every delivery of the breach notice done");
        assertThat(count("notification-service", "select count(*) from delivery where message_id = '" + message
                + "' and status = 'SENT'")).as("deliveries sent").isEqualTo(4L * WAVE);
    }

    /** Recipient/channel of the deliveries handed to a provider and not yet recorded as sent. */
    private Set<String> inFlight(String message) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (Connection connection = connect("notification-service"); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select recipient_id || '/' || channel from delivery where message_id = '"
                        + message + "' and status = 'IN_FLIGHT'")) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        }
        return keys;
    }

    private static Map<String, Integer> emailsByAddress() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage mail : suite.mail().getReceivedMessages()) {
            Address[] to = mail.getRecipients(RecipientType.TO);
            if (to != null) {
                for (Address address : to) {
                    String text = address.toString();
                    String bare = text.contains("<") ? text.substring(text.indexOf('<') + 1, text.indexOf('>')) : text;
                    counts.merge(bare, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static Map<String, Integer> smsByNumber() {
        Map<String, Integer> counts = new HashMap<>();
        suite.smsGateways().forEach(gateway -> gateway.acceptedByRecipient().forEach((to, n) -> counts.merge(to, n, Integer::sum)));
        return counts;
    }

    // --- every event applied, nothing dead-lettered -------------------------------------------------

    /**
     * Every event on every topic a service consumes through its inbox (the channels with a dead-letter
     * topic in its configuration; incident-service consumes none) is in that service's inbox: applied, once.
     */
    private void assertEveryConsumedEventApplied() throws Exception {
        Map<String, Set<String>> eventsByTopic = new HashMap<>();
        Map<String, Integer> missing = new TreeMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            for (String topic : consumedTopics(spec)) {
                Set<String> events = eventsByTopic.computeIfAbsent(topic, GameDayIT::eventIds);
                Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
                Set<String> notApplied;
                do {
                    notApplied = new HashSet<>(events);
                    notApplied.removeAll(inbox(spec));
                    if (!notApplied.isEmpty()) {
                        Thread.sleep(1_000);
                    }
                } while (!notApplied.isEmpty() && Instant.now().isBefore(deadline));
                System.out.printf("[game-day] %s: %,d events of %s applied, %d not%n", spec.name(),
                        events.size() - notApplied.size(), topic, notApplied.size());
                if (!notApplied.isEmpty()) {
                    missing.put(spec.name() + " <- " + topic, notApplied.size());
                }
            }
        }
        assertThat(eventsByTopic).as("topics consumed through an inbox").isNotEmpty();
        assertThat(missing).as("events a consumer never applied").isEmpty();
    }

    private static List<String> consumedTopics(ServiceSpec spec) throws IOException {
        Properties properties = new Properties();
        Path file = suite.root().resolve(spec.name()).resolve("src/main/resources/application.properties");
        properties.load(new StringReader(Files.readString(file)));
        List<String> topics = new ArrayList<>();
        Pattern deadLettered = Pattern.compile("mp\\.messaging\\.incoming\\.([a-z-]+)\\.dead-letter-queue\\.topic");
        for (String key : properties.stringPropertyNames()) {
            Matcher channel = deadLettered.matcher(key);
            if (channel.matches()) {
                topics.add(properties.getProperty("mp.messaging.incoming." + channel.group(1) + ".topic"));
            }
        }
        return topics;
    }

    /** The CloudEvent ids of every record on the topic now. */
    private static Set<String> eventIds(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        Set<String> ids = new HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader(CloudEventHeaders.ID);
                    ids.add(new String(id.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return ids;
    }

    private static Set<String> inbox(ServiceSpec spec) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = connect(spec.name()); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select event_id from inbox_event")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private void assertNoDeadLetters() throws Exception {
        Map<String, Long> deadLetters = new LinkedHashMap<>();
        for (ServiceSpec spec : ServiceSpec.ALL) {
            deadLetters.put(spec.name(), count(spec.name(), "select count(*) from dead_letter"));
        }
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, suite.kafkaBootstrapServers());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            for (String topic : org.candor.contracts.Topics.all()) {
                if (topic.endsWith(".dlq")) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                            .map(info -> new TopicPartition(topic, info.partition())).toList();
                    deadLetters.put(topic, consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum());
                }
            }
        }
        System.out.printf("[game-day] dead letters: %s%n", deadLetters);
        assertThat(deadLetters.values()).as("dead letters per service and topic: " + deadLetters).allMatch(n -> n == 0);
    }

    // --- steady traffic -----------------------------------------------------------------------------

    private record Availability(long requests, long ok, long p99Millis) {
        double percentOk() {
            return requests == 0 ? 0 : 100.0 * ok / requests;
        }
    }

    /**
     * What keeps hitting Candor throughout: the public status page (a request every 20 ms), support
     * agents opening tickets and analysts creating surveys (one each every 250 ms). Each write is
     * recorded with the phase it fell in.
     */
    private final class Traffic implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong statusRequests = new AtomicLong();
        private final AtomicLong statusOk = new AtomicLong();
        private final List<Long> statusMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        private volatile String phase = "before";
        private final Map<String, Map<String, Integer>> writes = new ConcurrentHashMap<>();
        private final List<String> failedWhileBrokerDown = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong writesWhileBrokerDown = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();

        Traffic() {
            start("status-page", () -> loop(20, this::statusPage));
            start("tickets", () -> loop(250, () -> write("ticket", "support-service",
                    "/api/tickets", suite.jwt().token("gd-agent", Duration.ofMinutes(30), "support-agent"), """
                    {"channel": "HOTLINE", "queue": "general", "priority": "NORMAL", "subject": "Was my card affected?",
                     "locale": "en"}""")));
            start("surveys", () -> loop(250, () -> write("survey", "feedback-service",
                    "/api/surveys", suite.jwt().token("gd-analyst", Duration.ofMinutes(30), "analyst"), survey())));
        }

        private void start(String name, Runnable work) {
            Thread thread = new Thread(work, name);
            thread.start();
            threads.add(thread);
        }

        void mark(String phase) {
            this.phase = phase;
        }

        private void loop(long periodMillis, Runnable request) {
            while (running.get()) {
                long start = System.nanoTime();
                request.run();
                long left = periodMillis - (System.nanoTime() - start) / 1_000_000;
                if (left > 0) {
                    try {
                        Thread.sleep(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }

        private void statusPage() {
            long start = System.nanoTime();
            statusRequests.incrementAndGet();
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(
                        suite.service("incident-service").baseUrl() + "/status")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    statusOk.incrementAndGet();
                }
            } catch (IOException e) {
                // Counted as not answered.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            statusMillis.add((System.nanoTime() - start) / 1_000_000);
        }

        private void write(String kind, String service, String path, String token, String body) {
            String during = phase;
            int status;
            try {
                status = send(service, "POST", path, token, body).statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            writes.computeIfAbsent(kind + " (" + during + ")", k -> new ConcurrentHashMap<>())
                    .merge(String.valueOf(status), 1, Integer::sum);
            if (during.equals("broker down")) {
                writesWhileBrokerDown.incrementAndGet();
                if (status < 200 || status > 299) {
                    failedWhileBrokerDown.add(kind + " " + status);
                }
            }
        }

        private String survey() {
            return """
                    {"name": "Game day %s", "purpose": "CAMPAIGN", "anonymous": false,
                     "title": {"en": "How did we do?", "de": "Wie war es?"},
                     "questions": [{"id": "trust", "type": "TRUST", "required": true,
                       "text": {"en": "How much do you trust us?", "de": "Wie sehr vertrauen Sie uns?"}}]}"""
                    .formatted(java.util.UUID.randomUUID());
        }

        Availability status() {
            List<Long> sorted;
            synchronized (statusMillis) {
                sorted = new ArrayList<>(statusMillis);
            }
            sorted.sort(null);
            long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
            return new Availability(statusRequests.get(), statusOk.get(), p99);
        }

        long writesWhileBrokerDown() {
            return writesWhileBrokerDown.get();
        }

        List<String> failedWhileBrokerDown() {
            return List.copyOf(failedWhileBrokerDown);
        }

        void printWrites() {
            new TreeMap<>(writes).forEach((kind, statuses) -> System.out.printf("[game-day] %s: %s%n", kind,
                    new TreeMap<>(statuses)));
        }

        @Override
        public void close() {
            running.set(false);
            for (Thread thread : threads) {
                try {
                    thread.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // --- plumbing -----------------------------------------------------------------------------------

    private static String commander(int which) {
        return suite.jwt().token("gd-commander-" + which, Duration.ofMinutes(30), "incident-commander");
    }

    private HttpResponse<String> send(String service, String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.service(service).baseUrl() + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Connection connect(String service) throws SQLException {
        ServiceSpec spec = ServiceSpec.named(service);
        return DriverManager.getConnection(suite.jdbcUrl(spec.database()), spec.database(), suite.databasePassword(spec));
    }

    private static long count(String service, String sql) throws SQLException {
        try (Connection connection = connect(service); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String text(String service, String sql) throws SQLException {
        try (Connection connection = connect(service); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Waits until the count reaches at least {@code expected}; the database may be away for a moment meanwhile. */
    private static void awaitDb(String service, String sql, long expected, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        long last = -1;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = count(service, sql);
                if (last >= expected) {
                    return;
                }
            } catch (SQLException away) {
                // PostgreSQL restarting: ask again.
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Timed out waiting for " + what + " (" + last + " of " + expected + ")");
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
