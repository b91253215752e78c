package org.candor.support.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.chat.ChatTestSupport.WAIT;
import static org.candor.support.chat.ChatTestSupport.customer;
import static org.candor.support.chat.ChatTestSupport.takeUntil;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.platform.security.Roles;
import org.candor.support.MutableClock;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ChatSocketTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    MutableClock clock;

    @BeforeEach
    void relayReady() throws Exception {
        ChatTestSupport.awaitRelay(base);
    }

    @Test
    void customerWaitsInLineThenChatsWithTheAgentWhoTakesIt() throws Exception {
        try (WsClient customer = customer(base, "locale=de"); WsClient agent = ChatTestSupport.agent(base, "chat-agent-1")) {
            JsonPath queued = customer.await("queued", WAIT);
            assertThat(queued.getInt("position")).isPositive();
            assertThat(queued.getLong("estimatedWaitSeconds")).isPositive();
            String sessionId = queued.getString("sessionId");

            JsonPath chat = takeUntil(agent, sessionId);
            customer.await("agent-joined", WAIT);
            customer.send("{\"type\":\"message\",\"text\":\"Was my password leaked?\"}");
            agent.await(f -> "message".equals(f.getString("type")) && "Was my password leaked?".equals(f.getString("text")), WAIT);
            agent.send("{\"type\":\"message\",\"sessionId\":\"" + sessionId + "\",\"text\":\"No, passwords were hashed.\"}");
            customer.await(f -> "message".equals(f.getString("type")) && "agent".equals(f.getString("from"))
                    && "No, passwords were hashed.".equals(f.getString("text")), WAIT);

            List<String> transcript = agent().get("/api/tickets/" + chat.getString("ticketId") + "/messages").then()
                    .statusCode(200).extract().jsonPath().getList("body");
            assertThat(transcript).containsExactly("Was my password leaked?", "No, passwords were hashed.");
            agent().get("/api/tickets/" + chat.getString("ticketId")).then().body("channel", equalTo("CHAT"))
                    .body("assignee", equalTo("chat-agent-1")).body("status", equalTo("OPEN"));
        }
    }

    @Test
    void secondCustomerIsOnePlaceFurtherBack() throws Exception {
        // Start from an empty line: chats that earlier tests left waiting would move while this one runs.
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> org.candor.support.domain.ChatSession
                .update("status = ?1 where status = ?2", org.candor.support.domain.ChatStatus.ENDED,
                        org.candor.support.domain.ChatStatus.WAITING));
        try (WsClient first = customer(base, null)) {
            // The second customer arrives once the first is in line (the handshake completes before the
            // server has put the first chat in line, so two quick connections could arrive in either order).
            int firstPosition = first.await("queued", WAIT).getInt("position");
            try (WsClient second = customer(base, null)) {
                int secondPosition = second.await("queued", WAIT).getInt("position");

                assertThat(firstPosition).as("first received %s", first.received()).isEqualTo(1);
                assertThat(secondPosition).as("second received %s", second.received()).isEqualTo(2);
            }
        }
    }

    @Test
    void oversizedMessageIsAnErrorNamingTheField() throws Exception {
        try (WsClient customer = customer(base, null)) {
            customer.await("queued", WAIT);

            customer.send("{\"type\":\"message\",\"text\":\"" + "x".repeat(2001) + "\"}");

            JsonPath error = customer.await("error", WAIT);
            assertThat(error.getInt("problem.status")).isEqualTo(400);
            assertThat(error.getString("problem.errors[0].field")).isEqualTo("text");
        }
    }

    @Test
    void consoleHandshakeWithoutATokenIsRefused() throws Exception {
        assertThat(WsClient.refusedStatus(base.resolve("/chat/agent"), Map.of())).isEqualTo(401);
    }

    @Test
    void consoleHandshakeWithAForgedTokenIsRefused() throws Exception {
        String forged = ChatTestSupport.token("intruder", Roles.SUPPORT_AGENT);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";

        assertThat(WsClient.refusedStatus(base.resolve("/chat/agent"), Map.of("Authorization", "Bearer " + forged)))
                .isEqualTo(401);
    }

    @Test
    void consoleHandshakeWithoutASupportRoleIsForbidden() throws Exception {
        String analyst = ChatTestSupport.token("analyst-1", Roles.ANALYST);

        assertThat(WsClient.refusedStatus(base.resolve("/chat/agent"), Map.of("Authorization", "Bearer " + analyst)))
                .isEqualTo(403);
    }

    @Test
    void consoleMayCarryItsTokenInTheOfferedSubprotocolsAsBrowsersMust() throws Exception {
        String token = ChatTestSupport.token("subprotocol-agent", Roles.SUPPORT_SUPERVISOR);
        try (WsClient agent = WsClient.connect(base.resolve("/chat/agent"), Map.of(), List.of("bearer-token-carrier",
                "quarkus-http-upgrade#Authorization#" + URLEncoder.encode("Bearer " + token, StandardCharsets.UTF_8)
                        .replace("+", "%20")))) {
            assertThat(agent.await("authenticated", WAIT).getString("agent")).isEqualTo("subprotocol-agent");
            assertThat(agent.subprotocol()).isEqualTo("bearer-token-carrier");
        }
    }

    @Test
    void theConsoleIsDisconnectedWhenItsTokenExpires() throws Exception {
        String shortLived = CandorTestResource.jwt().token("short-shift-agent", Duration.ofSeconds(3), Roles.SUPPORT_AGENT);
        try (WsClient agent = WsClient.connect(base.resolve("/chat/agent"), Map.of("Authorization", "Bearer " + shortLived),
                List.of())) {
            assertThat(agent.await("authenticated", WAIT).getString("agent")).isEqualTo("short-shift-agent");

            // 1008: policy violation, "Authentication expired".
            assertThat(agent.closedByServer().get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }
}
