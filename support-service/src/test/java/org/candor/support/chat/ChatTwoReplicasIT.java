package org.candor.support.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.chat.ChatTestSupport.WAIT;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Infrastructure;
import org.candor.testsupport.JwtIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * Two replicas of the packaged service, each its own process, sharing one database and one Kafka:
 * the customer talks to one, the agent to the other, and the chat works both ways and survives the
 * customer reconnecting to the other replica.
 */
class ChatTwoReplicasIT {

    private static final List<Process> REPLICAS = new ArrayList<>();
    /** Each replica's management port (health), by its application port. */
    private static final java.util.Map<Integer, Integer> MANAGEMENT = new java.util.HashMap<>();
    private static URI first;
    private static URI second;

    @BeforeAll
    static void startReplicas() throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        Infrastructure.Database database = infrastructure.createDatabase("candor_replicas");
        JwtIssuer issuer = CandorTestResource.jwt();
        first = start(infrastructure, database, issuer, "a");
        // Flyway migrates from the first replica; the second starts on the migrated schema.
        awaitReady(first);
        second = start(infrastructure, database, issuer, "b");
        awaitReady(second);
        ChatTestSupport.awaitRelay(first);
        ChatTestSupport.awaitRelay(second);
    }

    @AfterAll
    static void stopReplicas() {
        REPLICAS.forEach(Process::destroy);
    }

    @Test
    void customerOnOneReplicaAndAgentOnTheOtherChatBothWaysAndAcrossAReconnect() throws Exception {
        try (WsClient agent = ChatTestSupport.agent(second, "replica-agent")) {
            String sessionId;
            String resumeToken;
            try (WsClient customer = ChatTestSupport.customer(first, null)) {
                // The answer to the handshake (it carries a resume token), not a refresh of the line that may come first.
                JsonPath queued = customer.await(f -> "queued".equals(f.getString("type")) && f.getString("resumeToken") != null,
                        WAIT);
                sessionId = queued.getString("sessionId");
                resumeToken = queued.getString("resumeToken");

                ChatTestSupport.takeUntil(agent, sessionId);
                customer.await("agent-joined", WAIT);
                customer.send("{\"type\":\"message\",\"text\":\"Hello from replica A\"}");
                agent.await(f -> "Hello from replica A".equals(f.getString("text")), WAIT);
                agent.send("{\"type\":\"message\",\"sessionId\":\"" + sessionId + "\",\"text\":\"Hello from replica B\"}");
                customer.await(f -> "Hello from replica B".equals(f.getString("text")), WAIT);
            }

            try (WsClient reconnected = ChatTestSupport.customer(second,
                    "resume=" + URLEncoder.encode(resumeToken, StandardCharsets.UTF_8))) {
                JsonPath resumed = reconnected.await("resumed", WAIT);
                assertThat(resumed.getString("sessionId")).isEqualTo(sessionId);
                assertThat(resumed.getList("transcript.text")).containsExactly("Hello from replica A", "Hello from replica B");
                agent.send("{\"type\":\"message\",\"sessionId\":\"" + sessionId + "\",\"text\":\"Still here\"}");
                reconnected.await(f -> "Still here".equals(f.getString("text")), WAIT);
            }
        }
    }

    private static URI start(Infrastructure infrastructure, Infrastructure.Database database, JwtIssuer issuer,
            String name) throws IOException {
        int port = org.candor.testsupport.FreePorts.next();
        // Next to the build's other output (kept for a failed run, gone with the next clean), not in /tmp.
        Path log = Path.of("target", "support-replica-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-jar", "target/quarkus-app/quarkus-run.jar")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // What the service refuses to start without outside dev and test, then this test's own values.
        builder.environment().putAll(org.candor.testsupport.LocalSettings.environment(java.util.Map.of()));
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        // Health listens on the management interface, a port of its own.
        int managementPort = org.candor.testsupport.FreePorts.next();
        MANAGEMENT.put(port, managementPort);
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
        builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", database.username());
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        builder.environment().put("CANDOR_JWT_PUBLIC_KEY_LOCATION", issuer.publicKeyFile().toUri().toString());
        builder.environment().put("CANDOR_JWT_ISSUER", JwtIssuer.ISSUER);
        builder.environment().put("CANDOR_SUPPORT_VERIFICATION_SECRET", "replicas-share-this-test-only-secret-value");
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        REPLICAS.add(builder.start());
        System.out.println("[replica " + name + "] port " + port + ", log " + log);
        return URI.create("http://localhost:" + port + "/");
    }

    private static void awaitReady(URI replica) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + MANAGEMENT.get(replica.getPort())
                        + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("Replica " + replica + " did not become ready");
    }
}
