package org.candor.support.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.candor.support.service.ChatService;
import org.candor.support.service.MacroService;
import org.candor.support.service.KnownIncidentService;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The agent console's socket. A browser cannot set an Authorization header on a WebSocket, so the
 * first frame carries the bearer token: {@code auth {token}}; nothing else is accepted before it.
 *
 * <p>Then: {@code take-next}, {@code message {sessionId, text | macroId}}, {@code transfer {sessionId,
 * toAgent}}, {@code verify-sms|verify-email {sessionId, customerId}}, {@code end {sessionId, resolve}},
 * {@code macros {locale}}.
 */
@WebSocket(path = "/chat/agent")
public class AgentChatSocket {

    static final UserData.TypedKey<String> AGENT = UserData.TypedKey.forString("chat-agent");

    private final ChatService chats;
    private final MacroService macros;
    private final KnownIncidentService incidents;
    private final ChatConnections connections;
    private final ChatRelay relay;
    private final JWTParser jwtParser;
    private final ObjectMapper objectMapper;

    AgentChatSocket(ChatService chats, MacroService macros, KnownIncidentService incidents, ChatConnections connections,
            ChatRelay relay, JWTParser jwtParser, ObjectMapper objectMapper) {
        this.chats = chats;
        this.macros = macros;
        this.incidents = incidents;
        this.connections = connections;
        this.relay = relay;
        this.jwtParser = jwtParser;
        this.objectMapper = objectMapper;
    }

    @OnOpen
    public String open() {
        return relay.write(Map.of("type", "hello", "expect", "auth"));
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
        if (agent == null) {
            return type.equals("auth") ? authenticate(Frames.text(frame, "token"), connection)
                    : relay.write(Frames.error("type", "send auth with a bearer token first"));
        }
        try {
            return switch (type) {
                case "take-next" -> chats.takeNext(agent).map(session -> relay.write(chats.chatFrame(session)))
                        .orElseGet(() -> relay.write(Map.of("type", "no-chat", "waiting", 0)));
                case "message" -> {
                    String macroId = Frames.text(frame, "macroId");
                    chats.agentSays(session(frame), agent, Frames.text(frame, "text"),
                            macroId.isBlank() ? null : UUID.fromString(macroId));
                    yield null;
                }
                case "transfer" -> {
                    chats.transfer(session(frame), agent, Frames.text(frame, "toAgent"));
                    yield null;
                }
                case "verify-sms" -> {
                    chats.sendCode(session(frame), Frames.text(frame, "customerId"));
                    yield null;
                }
                case "verify-email" -> {
                    chats.sendLink(session(frame), Frames.text(frame, "customerId"));
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

    private String authenticate(String token, WebSocketConnection connection) {
        try {
            JsonWebToken jwt = jwtParser.parse(token);
            Set<String> groups = jwt.getGroups();
            if (groups == null || !(groups.contains(Roles.SUPPORT_AGENT) || groups.contains(Roles.SUPPORT_SUPERVISOR))) {
                return relay.write(Frames.error("token", "needs the support-agent or support-supervisor role"));
            }
            String agent = jwt.getName();
            connection.userData().put(AGENT, agent);
            connections.addAgent(agent, connection);
            return relay.write(Map.of("type", "authenticated", "agent", agent, "waiting", chats.waiting()));
        } catch (ParseException e) {
            Log.debugf("Console token rejected: %s", e.getMessage());
            return relay.write(Frames.error("token", "is not a valid bearer token"));
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

    private static UUID session(JsonNode frame) {
        try {
            return UUID.fromString(Frames.text(frame, "sessionId"));
        } catch (IllegalArgumentException e) {
            throw org.candor.support.service.Problems.invalid("sessionId", "is not a UUID");
        }
    }
}
