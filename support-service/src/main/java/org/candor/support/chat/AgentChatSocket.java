package org.candor.support.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;

import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.candor.support.service.ChatService;
import org.candor.support.service.MacroService;
import org.candor.support.service.KnownIncidentService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The agent console's socket. The opening handshake carries the bearer token and is refused (401/403)
 * without a valid support-agent or support-supervisor token. A browser cannot set headers on a
 * WebSocket, so the console sends it the way WebSockets Next reads it from the offered subprotocols:
 * {@code ["bearer-token-carrier", "quarkus-http-upgrade#Authorization#Bearer%20<token>"]}.
 *
 * <p>Frames in: {@code take-next {queue?}}, {@code message {sessionId, text | macroId}}, {@code transfer
 * {sessionId, toAgent | toQueue}} (to an agent, or back to a waiting line), {@code request-code
 * {sessionId, contact}} (a code to the email address or phone number the customer named), {@code end {sessionId, resolve}}, {@code macros {locale}}.
 */
@WebSocket(path = "/chat/agent")
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class AgentChatSocket {

    static final UserData.TypedKey<String> AGENT = UserData.TypedKey.forString("chat-agent");

    private final ChatService chats;
    private final MacroService macros;
    private final KnownIncidentService incidents;
    private final ChatConnections connections;
    private final ChatRelay relay;
    private final SecurityIdentity identity;
    private final ObjectMapper objectMapper;

    AgentChatSocket(ChatService chats, MacroService macros, KnownIncidentService incidents, ChatConnections connections,
            ChatRelay relay, SecurityIdentity identity, ObjectMapper objectMapper) {
        this.chats = chats;
        this.macros = macros;
        this.incidents = incidents;
        this.connections = connections;
        this.relay = relay;
        this.identity = identity;
        this.objectMapper = objectMapper;
    }

    /** The handshake was authenticated: the agent is who the token names. */
    @OnOpen
    public String open(WebSocketConnection connection) {
        String agent = identity.getPrincipal().getName();
        connection.userData().put(AGENT, agent);
        connections.addAgent(agent, connection);
        return relay.write(Map.of("type", "authenticated", "agent", agent, "waiting", chats.waiting()));
    }

    @OnTextMessage
    public String message(String text, WebSocketConnection connection) {
        JsonNode frame;
        try {
            frame = objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            return relay.write(Frames.error("frame", "is not JSON"));
        }
        String type = Frames.text(frame, "type");
        String agent = connection.userData().get(AGENT);
        try {
            return switch (type) {
                case "take-next" -> chats.takeNext(agent, blankToNull(Frames.text(frame, "queue")))
                        .map(session -> relay.write(chats.chatFrame(session)))
                        .orElseGet(() -> relay.write(Map.of("type", "no-chat", "waiting", 0)));
                case "message" -> {
                    String macroId = Frames.text(frame, "macroId");
                    chats.agentSays(session(frame), agent, Frames.text(frame, "text"),
                            macroId.isBlank() ? null : UUID.fromString(macroId));
                    yield null;
                }
                case "transfer" -> {
                    String toAgent = Frames.text(frame, "toAgent");
                    if (toAgent.isBlank()) {
                        chats.requeue(session(frame), agent, blankToNull(Frames.text(frame, "toQueue")));
                    } else {
                        chats.transfer(session(frame), agent, toAgent);
                    }
                    yield null;
                }
                case "request-code" -> {
                    chats.requestCode(session(frame), Frames.text(frame, "contact"));
                    yield null;
                }
                case "end" -> {
                    chats.end(session(frame), agent, frame.path("resolve").asBoolean(false));
                    yield null;
                }
                case "macros" -> relay.write(macrosFrame(Frames.text(frame, "locale")));
                default -> relay.write(Frames.error("type", "unknown frame type"));
            };
        } catch (ProblemException e) {
            return relay.write(Frames.error(e.problem()));
        } catch (IllegalArgumentException e) {
            return relay.write(Frames.error("macroId", "is not a UUID"));
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        String agent = connection.userData().get(AGENT);
        if (agent != null) {
            connections.removeAgent(agent, connection);
        }
    }

    private Map<String, Object> macrosFrame(String locale) {
        var incident = incidents.active().map(found -> found.id).orElse(null);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "macros");
        frame.put("items", macros.find(incident, locale.isBlank() ? null : locale).stream()
                .map(macro -> Map.of("id", macro.id.toString(), "title", macro.title, "body", macro.body)).toList());
        return frame;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static UUID session(JsonNode frame) {
        try {
            return UUID.fromString(Frames.text(frame, "sessionId"));
        } catch (IllegalArgumentException e) {
            throw org.candor.support.service.Problems.invalid("sessionId", "is not a UUID");
        }
    }
}
