package org.candor.notification.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.candor.contracts.CandorEvent;
import org.candor.contracts.CloudEventHeaders;
import org.candor.contracts.EventCatalog;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.incident.DataCategory;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.FreePorts;
import org.candor.testsupport.Infrastructure;
import org.candor.testsupport.JwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeMessage;

/**
 * The packaged service as a process of its own, stopped in the middle of a fan-out to 10,000 customers
 * (20,000 deliveries) and started again; then every recipient's messages are counted at the SMTP server
 * and the SMS gateways by their idempotency keys. A send that big waits for a second incident commander's
 * approval: the test gives it over the service's API, as a commander would.
 */
class DeliveryCrashIT {

    private static final int CUSTOMERS = 10_000;
    private static Infrastructure.Database database;
    private static UUID incident;
    private static final List<String> customers = new ArrayList<>();
    private static Process service;
    private static int port;

    @BeforeAll
    static void startAndSeed() throws Exception {
        ProvidersTestResource.mail();
        ProvidersTestResource.healthyGateways();
        // A little latency per SMS keeps the fan-out running long enough to stop it in the middle.
        for (var gateway : List.of(ProvidersTestResource.primary(), ProvidersTestResource.secondary())) {
            gateway.resetMappings();
            gateway.stubFor(post(urlPathMatching(ProvidersTestResource.MESSAGES_PATH)).willReturn(aResponse()
                    .withStatus(201).withFixedDelay(15).withHeader("Content-Type", "application/json")
                    .withBody("{\"sid\":\"SM{{randomValue length=30 type='ALPHANUMERIC'}}\",\"status\":\"queued\"}")
                    .withTransformers("response-template")));
        }
        database = Infrastructure.get().createDatabase("notification_crash");
        service = start();
        incident = incidentWithCustomers();
    }

    @AfterAll
    static void stop() throws Exception {
        if (service != null) {
            service.destroy();
            service.waitFor();
        }
    }

    @Test
    void gracefulStopMidFanOutThenRestartSendsEveryoneExactlyOneMessagePerChannel() throws Exception {
        UUID update = UUID.randomUUID();
        publish(update);
        approve(update);
        awaitSent(update, 3000);

        service.destroy();
        service.waitFor();
        long sentAtStop = sent(update);
        service = start();
        awaitComplete(update);

        assertThat(sentAtStop).isLessThan(2L * CUSTOMERS);
        Map<UUID, Integer> emails = emailsByKey();
        Map<UUID, Integer> sms = smsByKey();
        for (String customer : customers) {
            String source = source(update);
            assertThat(emails.get(DeliveryKeys.of(source, customer, Channel.EMAIL))).as("email to " + customer).isEqualTo(1);
            assertThat(sms.get(DeliveryKeys.of(source, customer, Channel.SMS))).as("SMS to " + customer).isEqualTo(1);
        }
    }

    @Test
    void crashMidFanOutThenRestartSkipsNobodyAndRepeatsAtMostWhatWasInFlight() throws Exception {
        UUID update = UUID.randomUUID();
        publish(update);
        approve(update);
        awaitSent(update, 3000);

        service.destroyForcibly();
        service.waitFor();
        Set<UUID> inFlight = inFlight(update);
        service = start();
        awaitComplete(update);

        Map<UUID, Integer> emails = emailsByKey();
        Map<UUID, Integer> sms = smsByKey();
        int repeats = 0;
        Set<String> withoutMessage = new HashSet<>();
        for (String customer : customers) {
            for (Channel channel : Channel.values()) {
                UUID key = DeliveryKeys.of(source(update), customer, channel);
                int received = (channel == Channel.EMAIL ? emails : sms).getOrDefault(key, 0);
                if (received == 0) {
                    withoutMessage.add(customer);
                }
                if (received > 1) {
                    // Only a delivery the provider accepted in the instant before the crash may come twice.
                    assertThat(inFlight).as("repeated " + key).contains(key);
                    assertThat(received).isEqualTo(2);
                    repeats++;
                }
            }
        }
        System.out.printf("[crash] %d recipients, %d deliveries: %d people without their message; %d deliveries were"
                + " IN_FLIGHT at the kill, %d reached a person twice%n", CUSTOMERS, 2 * CUSTOMERS, withoutMessage.size(),
                inFlight.size(), repeats);
        assertThat(withoutMessage).as("people without their message").isEmpty();
        assertThat(repeats).isLessThanOrEqualTo(inFlight.size());
    }

    private static String source(UUID update) {
        return "update:" + incident + ":" + update + ":1:AFFECTED";
    }

    private static UUID incidentWithCustomers() throws Exception {
        UUID id = Fixtures.incident(false, DataCategory.CONTACT);
        try (KafkaProducer<String, String> producer = producer()) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                String customer = "CRASH-" + UUID.randomUUID().toString().substring(0, 8) + "-" + i;
                customers.add(customer);
                sent.add(sendAsync(producer, new AffectedCustomerAdded(id, Fixtures.customer(customer,
                        i % 2 == 0 ? "de" : "en", i % 2 == 0 ? "DE" : "GB", true, true), Instant.now())));
            }
            for (var future : sent) {
                future.get();
            }
        }
        // GreenMail makes a mailbox on the first message to an address, and its folder list is walked without
        // a lock while other connections add to it; mailboxes made beforehand keep that out of this test.
        for (String customer : customers) {
            String address = Fixtures.address(customer);
            ProvidersTestResource.mail().setUser(address, address, address);
        }
        await(() -> count("select count(*) from incident_recipient where incident_id = '" + id + "'") == CUSTOMERS,
                Duration.ofMinutes(5), "customers consumed");
        return id;
    }

    private static void publish(UUID update) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            send(producer, Fixtures.update(incident, update, 1, "AFFECTED"));
        }
    }

    /** A second incident commander approves the send (the update's author is incident-service itself here). */
    private static void approve(UUID update) throws Exception {
        await(() -> count("select count(*) from message where update_id = '" + update + "' and approval_required") == 1,
                Duration.ofMinutes(2), "the send waiting for approval");
        String message = null;
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id from message where update_id = '" + update + "'")) {
            rows.next();
            message = rows.getString(1);
        }
        assertThat(sent(update)).isZero();
        String token = CandorTestResource.jwt().token("crash-test-approver", Duration.ofMinutes(10),
                org.candor.platform.security.Roles.INCIDENT_COMMANDER);
        HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/messages/" + message + "/approve"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    }

    private static void awaitSent(UUID update, long atLeast) throws Exception {
        await(() -> sent(update) >= atLeast, Duration.ofMinutes(2), atLeast + " sent");
    }

    private static void awaitComplete(UUID update) throws Exception {
        await(() -> {
            String failed = failures(update);
            if (failed != null) {
                throw new AssertionError("A delivery failed: " + failed);
            }
            return count("select count(*) from message m where m.update_id = '" + update + "' and m.fanned_out_at is not null"
                + " and not exists (select 1 from delivery d where d.message_id = m.id and d.status in ('QUEUED', 'IN_FLIGHT'))")
                == 1 && sent(update) == 2L * CUSTOMERS;
        }, Duration.ofMinutes(10), "all sent");
    }

    /** The first failed delivery of the update as "channel: reason (N failed)", or null while none failed. */
    private static String failures(UUID update) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select d.channel, d.last_error, count(*) over () from delivery d"
                        + " join message m on m.id = d.message_id where m.update_id = '" + update + "' and d.status = 'FAILED'"
                        + " limit 1")) {
            return rows.next() ? rows.getString(1) + ": " + rows.getString(2) + " (" + rows.getLong(3) + " failed)" : null;
        }
    }

    private static long sent(UUID update) throws Exception {
        return count("select count(*) from delivery d join message m on m.id = d.message_id where m.update_id = '" + update
                + "' and d.status = 'SENT'");
    }

    private static Set<UUID> inFlight(UUID update) throws Exception {
        Set<UUID> ids = new HashSet<>();
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select d.id from delivery d join message m on m.id = d.message_id"
                        + " where m.update_id = '" + update + "' and d.status = 'IN_FLIGHT'")) {
            while (rows.next()) {
                ids.add((UUID) rows.getObject(1));
            }
        }
        return ids;
    }

    private static Map<UUID, Integer> emailsByKey() throws Exception {
        Map<UUID, Integer> counts = new HashMap<>();
        for (MimeMessage message : ProvidersTestResource.mail().getReceivedMessages()) {
            String id = message.getMessageID();
            if (id != null && id.endsWith("@notification.candor.local>")) {
                counts.merge(UUID.fromString(id.substring(1, id.indexOf('@'))), 1, Integer::sum);
            }
        }
        return counts;
    }

    private static Map<UUID, Integer> smsByKey() {
        Map<UUID, Integer> counts = new HashMap<>();
        for (var gateway : List.of(ProvidersTestResource.primary(), ProvidersTestResource.secondary())) {
            for (var event : gateway.getAllServeEvents()) {
                String key = event.getRequest().getHeader("Idempotency-Key");
                if (event.getResponse().getStatus() == 201 && key != null) {
                    counts.merge(UUID.fromString(key), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static Process start() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        port = FreePorts.next();
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m", "-jar", jar.toString());
        Map<String, String> env = builder.environment();
        // What the service refuses to start without outside dev and test, then this test's own values.
        env.putAll(org.candor.testsupport.LocalSettings.environment(Map.of("notification-service", "http://127.0.0.1:" + port)));
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        int managementPort = FreePorts.next();
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        env.put("KAFKA_BOOTSTRAP_SERVERS", Infrastructure.get().kafkaBootstrapServers());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        env.put("QUARKUS_DATASOURCE_USERNAME", database.username());
        env.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        env.put("CANDOR_JWT_PUBLIC_KEY_LOCATION", CandorTestResource.jwt().publicKeyFile().toUri().toString());
        env.put("CANDOR_JWT_ISSUER", JwtIssuer.ISSUER);
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(ProvidersTestResource.mail().getSmtp().getPort()));
        env.put("CANDOR_SMS_PRIMARY_URL", ProvidersTestResource.primary().baseUrl());
        env.put("CANDOR_SMS_SECONDARY_URL", ProvidersTestResource.secondary().baseUrl());
        env.put("CANDOR_NOTIFICATION_OPT_OUT_SECRET", java.util.HexFormat.of().formatHex(
                java.security.SecureRandom.getSeed(32)));
        env.put("CANDOR_SMS_PRIMARY_AUTH_TOKEN", "local-auth-token");
        env.put("CANDOR_SMS_SECONDARY_AUTH_TOKEN", "local-auth-token");
        env.put("CANDOR_NOTIFICATION_RECEIPT_SECRET", "local-receipt-secret");
        // Routine updates by SMS wait out the night: this test runs at any hour, so it has no quiet hours.
        env.put("CANDOR_NOTIFICATION_QUIET_HOURS_START", "00:00");
        env.put("CANDOR_NOTIFICATION_QUIET_HOURS_END", "00:00");
        // A crashed worker's claims are handed out again after this long.
        env.put("CANDOR_NOTIFICATION_LEASE", "20s");
        Path log = Files.createTempFile("notification-service-", ".log");
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("The service exited; see " + log);
            }
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofMinutes(2), "service ready (log " + log + ")");
        return process;
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                new StringSerializer());
    }

    private static void send(KafkaProducer<String, String> producer, CandorEvent event) throws Exception {
        sendAsync(producer, event).get();
    }

    private static java.util.concurrent.Future<?> sendAsync(KafkaProducer<String, String> producer, CandorEvent event) {
        var type = EventCatalog.of(event.getClass());
        return producer.send(new ProducerRecord<>(type.topic(), null, event.aggregateId(), Fixtures.json(event), List.of(
                new RecordHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SUPPORTED_SPEC_VERSION.getBytes()),
                new RecordHeader(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes()),
                new RecordHeader(CloudEventHeaders.TYPE, type.type().getBytes()),
                new RecordHeader(CloudEventHeaders.SOURCE, "/candor/test".getBytes()),
                new RecordHeader(CloudEventHeaders.SUBJECT, event.aggregateId().getBytes()),
                new RecordHeader(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes()))));
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    interface Check {
        boolean test() throws Exception;
    }

    private static void await(Check check, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!check.test()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
