package org.candor.support.chat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.WebSocketConnection;

/** The WebSocket connections open on this replica: customers by chat, agents by name. */
@ApplicationScoped
public class ChatConnections {

    private final Map<UUID, Set<WebSocketConnection>> customers = new ConcurrentHashMap<>();
    private final Map<String, Set<WebSocketConnection>> agents = new ConcurrentHashMap<>();

    void addCustomer(UUID sessionId, WebSocketConnection connection) {
        customers.computeIfAbsent(sessionId, key -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void removeCustomer(UUID sessionId, WebSocketConnection connection) {
        customers.computeIfPresent(sessionId, (key, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    void addAgent(String agent, WebSocketConnection connection) {
        agents.computeIfAbsent(agent, key -> ConcurrentHashMap.newKeySet()).add(connection);
    }

    void removeAgent(String agent, WebSocketConnection connection) {
        agents.computeIfPresent(agent, (key, set) -> {
            set.remove(connection);
            return set.isEmpty() ? null : set;
        });
    }

    Set<UUID> customerSessions() {
        return customers.keySet();
    }

    Set<String> agentNames() {
        return agents.keySet();
    }

    void toCustomer(UUID sessionId, String json) {
        send(customers.get(sessionId), json);
    }

    void toAgent(String agent, String json) {
        send(agents.get(agent), json);
    }

    private static void send(Set<WebSocketConnection> connections, String json) {
        if (connections == null) {
            return;
        }
        for (WebSocketConnection connection : connections) {
            if (connection.isOpen()) {
                connection.sendText(json).subscribe().with(ignored -> {
                }, failure -> Log.debugf("Could not send to connection %s: %s", connection.id(), failure.getMessage()));
            }
        }
    }
}
