package org.candor.support.service;

import java.util.Map;
import java.util.UUID;

/**
 * Something the chat's participants must see, fired inside a use case and relayed to every replica
 * after the transaction commits.
 *
 * @param audience SESSION (the customer and the chat's agent), AGENT (one agent only) or QUEUE (the waiting
 *        line changed: every replica refreshes positions and counts)
 * @param agent the agent who should see it, or null
 * @param payload the frame sent over the WebSocket
 */
public record ChatEvent(UUID sessionId, String audience, String agent, Map<String, Object> payload) {

    public static ChatEvent session(UUID sessionId, String agent, Map<String, Object> payload) {
        return new ChatEvent(sessionId, "SESSION", agent, payload);
    }

    public static ChatEvent agent(UUID sessionId, String agent, Map<String, Object> payload) {
        return new ChatEvent(sessionId, "AGENT", agent, payload);
    }

    public static ChatEvent queueChanged() {
        return new ChatEvent(null, "QUEUE", null, Map.of("type", "queue-changed"));
    }
}
