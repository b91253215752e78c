package org.candor.support.chat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;

import io.restassured.path.json.JsonPath;

/** Steps of the chat tests: a customer and an agent over real WebSockets. */
final class ChatTestSupport {

    static final Duration WAIT = Duration.ofSeconds(20);

    private ChatTestSupport() {
    }

    static WsClient customer(URI base, String query) throws Exception {
        return WsClient.connect(base.resolve("/chat/customer" + (query == null ? "" : "?" + query)));
    }

    /** An authenticated agent console connection: the bearer token in the handshake. */
    static WsClient agent(URI base, String name) throws Exception {
        WsClient agent = WsClient.connect(base.resolve("/chat/agent"), Map.of("Authorization", "Bearer "
                + token(name, Roles.SUPPORT_AGENT)), List.of());
        agent.await("authenticated", WAIT);
        return agent;
    }

    static String token(String name, String... roles) {
        return CandorTestResource.jwt().token(name, Duration.ofMinutes(30), roles);
    }

    /** Takes chats until the given one comes up (earlier tests may have left chats waiting). */
    static JsonPath takeUntil(WsClient agent, String sessionId) {
        return takeUntil(agent, frame -> sessionId.equals(frame.getString("sessionId")));
    }

    /** Takes chats until one matches. */
    static JsonPath takeUntil(WsClient agent, java.util.function.Predicate<JsonPath> wanted) {
        for (int i = 0; i < 50; i++) {
            int mark = agent.mark();
            agent.send("{\"type\":\"take-next\"}");
            JsonPath frame = agent.awaitAfter(mark, f -> "chat".equals(f.getString("type"))
                    || "no-chat".equals(f.getString("type")), WAIT);
            if ("no-chat".equals(frame.getString("type"))) {
                break;
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("The chat never came up");
    }

    /**
     * Waits until this replica's relay consumer has its partition, so relayed frames are not missed:
     * an agent sees the queue length change when a customer joins.
     */
    static void awaitRelay(URI base) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        try (WsClient agent = agent(base, "relay-probe")) {
            while (Instant.now().isBefore(deadline)) {
                try (WsClient customer = customer(base, null)) {
                    customer.await("queued", WAIT);
                    boolean ready;
                    try {
                        agent.await("queue", Duration.ofSeconds(2));
                        ready = true;
                    } catch (AssertionError notYet) {
                        ready = false;
                    }
                    customer.send("{\"type\":\"leave\"}");
                    if (ready) {
                        // Gone from the line before the test starts, so it does not shift the test's positions.
                        customer.await("ended", WAIT);
                        return;
                    }
                }
            }
        }
        throw new AssertionError("The chat relay never became ready");
    }
}
