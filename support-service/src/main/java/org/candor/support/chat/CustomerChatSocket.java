package org.candor.support.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.support.domain.ChatSession;
import org.candor.support.service.ChatService;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * The customer's side of a live chat (the widget). No account: opening the socket joins the waiting
 * line; a signed resume token rejoins the same chat after a reconnect, on any replica. Nothing but the
 * resume token of the chat itself rejoins a chat, and only a code typed into the chat verifies it.
 *
 * <p>Frames in: {@code message {text}}, {@code request-code {contact}} (an email address or phone number),
 * {@code verify-code {code}}, {@code leave}. Frames out: {@code queued}, {@code resumed},
 * {@code agent-joined}, {@code message}, {@code verification}, {@code ended}, {@code error}.
 */
@WebSocket(path = "/chat/customer")
public class CustomerChatSocket {

    static final UserData.TypedKey<String> SESSION = UserData.TypedKey.forString("chat-session");

    private final ChatService chats;
    private final ChatConnections connections;
    private final ChatRelay relay;
    private final ObjectMapper objectMapper;
    private final NewChatLimiter limiter;

    CustomerChatSocket(ChatService chats, ChatConnections connections, ChatRelay relay, ObjectMapper objectMapper,
            NewChatLimiter limiter) {
        this.limiter = limiter;
        this.chats = chats;
        this.connections = connections;
        this.relay = relay;
        this.objectMapper = objectMapper;
    }

    @OnOpen
    public String open(WebSocketConnection connection) {
        Map<String, String> query = Frames.query(connection.handshakeRequest().query());
        Optional<ChatSession> resumed = Optional.ofNullable(query.get("resume")).flatMap(chats::resume);
        if (resumed.isEmpty() && !limiter.tryAcquire(connection.handshakeRequest().remoteAddress(),
                connection.handshakeRequest().header("X-Forwarded-For"))) {
            connection.close(new CloseReason(1008, "too many new chats from this address")).subscribe().with(ok -> {
            }, failure -> {
            });
            return relay.write(Frames.error(new Problem("https://candor.dev/problems/429", "Too Many Requests", 429,
                    "Too many new chats from this address; try again in a minute", List.of())));
        }
        ChatSession session;
        try {
            session = resumed.orElseGet(() -> chats.start(query.get("locale")));
        } catch (ProblemException e) {
            // The chat cannot go on (verification is not configured): nothing was written; the visitor is told, then closed.
            connection.sendText(relay.write(Frames.error(e.problem())))
                    .chain(() -> connection.close(new CloseReason(1011, "chat unavailable")))
                    .subscribe().with(ok -> {
                    }, failure -> {
                    });
            return null;
        }
        connection.userData().put(SESSION, session.id.toString());
        connections.addCustomer(session.id, connection);
        ChatService.Position position = chats.position(session.id);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", resumed.isPresent() ? "resumed" : "queued");
        frame.put("sessionId", session.id.toString());
        frame.put("resumeToken", chats.resumeToken(session));
        frame.put("position", position.position());
        frame.put("estimatedWaitSeconds", position.estimatedWaitSeconds());
        frame.put("verified", session.verifiedCustomerId != null);
        if (resumed.isPresent()) {
            frame.put("transcript", chats.chatFrame(session).get("transcript"));
        }
        return relay.write(frame);
    }

    @OnTextMessage
    public String message(String text, WebSocketConnection connection) {
        UUID sessionId = UUID.fromString(connection.userData().get(SESSION));
        JsonNode frame;
        try {
            frame = objectMapper.readTree(text);
        } catch (JsonProcessingException e) {
            return relay.write(Frames.error("frame", "is not JSON"));
        }
        try {
            switch (Frames.text(frame, "type")) {
                case "message" -> chats.customerSays(sessionId, Frames.text(frame, "text"));
                case "request-code" -> chats.requestCode(sessionId, Frames.text(frame, "contact"));
                case "verify-code" -> chats.verifyCode(sessionId, Frames.text(frame, "code"));
                case "leave" -> chats.end(sessionId, "customer", false);
                default -> {
                    return relay.write(Frames.error("type", "unknown frame type"));
                }
            }
            return null;
        } catch (ProblemException e) {
            return relay.write(Frames.error(e.problem()));
        }
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        String sessionId = connection.userData().get(SESSION);
        if (sessionId != null) {
            connections.removeCustomer(UUID.fromString(sessionId), connection);
        }
    }
}
