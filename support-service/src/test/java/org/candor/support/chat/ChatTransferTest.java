package org.candor.support.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.supervisor;
import static org.candor.support.chat.ChatTestSupport.WAIT;
import static org.candor.support.chat.ChatTestSupport.customer;
import static org.candor.support.chat.ChatTestSupport.takeUntil;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** An agent hands a chat back to a waiting line, or ends it; through real WebSocket clients. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ChatTransferTest {

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    void relayReady() throws Exception {
        ChatTestSupport.awaitRelay(base);
    }

    @Test
    void chatTransferredBackToTheQueueIsTakenByAnotherAgentWithItsTranscript() throws Exception {
        try (WsClient customer = customer(base, null); WsClient first = ChatTestSupport.agent(base, "transfer-first");
                WsClient second = ChatTestSupport.agent(base, "transfer-second")) {
            String sessionId = customer.await("queued", WAIT).getString("sessionId");
            String ticketId = takeUntil(first, sessionId).getString("ticketId");
            customer.send("{\"type\":\"message\",\"text\":\"I need a billing specialist\"}");
            first.await(f -> "I need a billing specialist".equals(f.getString("text")), WAIT);

            int customerMark = customer.mark();
            first.send("{\"type\":\"transfer\",\"sessionId\":\"" + sessionId + "\"}");

            first.await(f -> "transferred".equals(f.getString("type")) && sessionId.equals(f.getString("sessionId")), WAIT);
            customer.awaitAfter(customerMark, f -> "transferred".equals(f.getString("type")), WAIT);
            assertThat(customer.awaitAfter(customerMark, f -> "queued".equals(f.getString("type")), WAIT)
                    .getInt("position")).isPositive();
            JsonPath chat = takeUntil(second, sessionId);
            assertThat(chat.getList("transcript.text")).containsExactly("I need a billing specialist");
            customer.awaitAfter(customerMark, f -> "agent-joined".equals(f.getString("type"))
                    && "transfer-second".equals(f.getString("agent")), WAIT);
            agent().get("/api/tickets/" + ticketId).then().body("assignee", equalTo("transfer-second"));
            assertThat(agent().get("/api/tickets/" + ticketId + "/history").then().extract().jsonPath()
                    .getList("action", String.class)).contains("TRANSFERRED");

            first.send("{\"type\":\"message\",\"sessionId\":\"" + sessionId + "\",\"text\":\"Still me\"}");
            assertThat(first.await("error", WAIT).getString("problem.errors[0].message")).contains("not yours");
        }
    }

    @Test
    void chatTransferredToAnotherQueueWaitsThereForItsAgents() throws Exception {
        String queue = "chat-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(Map.of("name", "Billing", "timeZone", "UTC", "autoAssign", false)).put("/api/queues/" + queue)
                .then().statusCode(200);
        try (WsClient customer = customer(base, null); WsClient first = ChatTestSupport.agent(base, "queue-first");
                WsClient billing = ChatTestSupport.agent(base, "queue-billing")) {
            String sessionId = customer.await("queued", WAIT).getString("sessionId");
            String ticketId = takeUntil(first, sessionId).getString("ticketId");

            first.send("{\"type\":\"transfer\",\"sessionId\":\"" + sessionId + "\",\"toQueue\":\"" + queue + "\"}");
            first.await(f -> "transferred".equals(f.getString("type")) && queue.equals(f.getString("queue")), WAIT);

            billing.send("{\"type\":\"take-next\",\"queue\":\"" + queue + "\"}");
            JsonPath chat = billing.await("chat", WAIT);
            assertThat(chat.getString("sessionId")).isEqualTo(sessionId);
            agent().get("/api/tickets/" + ticketId).then().body("queue", equalTo(queue))
                    .body("assignee", equalTo("queue-billing"));
        }
    }

    @Test
    void transferToAnUnknownQueueIsAnErrorNamingTheFieldAndChangesNothing() throws Exception {
        try (WsClient customer = customer(base, null); WsClient agent = ChatTestSupport.agent(base, "unknown-queue")) {
            String sessionId = customer.await("queued", WAIT).getString("sessionId");
            String ticketId = takeUntil(agent, sessionId).getString("ticketId");

            agent.send("{\"type\":\"transfer\",\"sessionId\":\"" + sessionId + "\",\"toQueue\":\"no-such-queue\"}");

            JsonPath error = agent.await("error", WAIT);
            assertThat(error.getInt("problem.status")).isEqualTo(400);
            assertThat(error.getString("problem.errors[0].field")).isEqualTo("toQueue");
            agent().get("/api/tickets/" + ticketId).then().body("assignee", equalTo("unknown-queue"))
                    .body("queue", equalTo("breach-hotline"));
        }
    }

    @Test
    void endedChatKeepsItsTranscriptOnTheTicketAndTakesNoMoreMessages() throws Exception {
        try (WsClient customer = customer(base, null); WsClient agent = ChatTestSupport.agent(base, "end-agent")) {
            String sessionId = customer.await("queued", WAIT).getString("sessionId");
            String ticketId = takeUntil(agent, sessionId).getString("ticketId");
            customer.send("{\"type\":\"message\",\"text\":\"Thanks, that helps\"}");
            agent.await(f -> "Thanks, that helps".equals(f.getString("text")), WAIT);
            agent.send("{\"type\":\"message\",\"sessionId\":\"" + sessionId + "\",\"text\":\"Glad to help\"}");
            customer.await(f -> "Glad to help".equals(f.getString("text")), WAIT);

            agent.send("{\"type\":\"end\",\"sessionId\":\"" + sessionId + "\",\"resolve\":false}");

            customer.await("ended", WAIT);
            agent.await(f -> "ended".equals(f.getString("type")) && sessionId.equals(f.getString("sessionId")), WAIT);
            customer.send("{\"type\":\"message\",\"text\":\"One more thing\"}");
            JsonPath error = customer.await("error", WAIT);
            assertThat(error.getInt("problem.status")).isEqualTo(409);
            List<String> transcript = agent().get("/api/tickets/" + ticketId + "/messages").then().statusCode(200)
                    .extract().jsonPath().getList("body");
            assertThat(transcript).containsExactly("Thanks, that helps", "Glad to help");
            agent().get("/api/tickets/" + ticketId).then().body("status", equalTo("OPEN"));
            assertThat(agent().get("/api/tickets/" + ticketId + "/history").then().extract().jsonPath()
                    .getList("action", String.class)).contains("CHAT_ENDED");
        }
    }

    @Test
    void chatEndedAndResolvedResolvesItsTicket() throws Exception {
        try (WsClient customer = customer(base, null); WsClient agent = ChatTestSupport.agent(base, "resolve-agent")) {
            String sessionId = customer.await("queued", WAIT).getString("sessionId");
            String ticketId = takeUntil(agent, sessionId).getString("ticketId");

            agent.send("{\"type\":\"end\",\"sessionId\":\"" + sessionId + "\",\"resolve\":true}");

            customer.await("ended", WAIT);
            agent().get("/api/tickets/" + ticketId).then().body("status", equalTo("RESOLVED"));
        }
    }
}
