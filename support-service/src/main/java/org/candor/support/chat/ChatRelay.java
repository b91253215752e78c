package org.candor.support.chat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.candor.support.domain.ChatSession;
import org.candor.support.domain.Channel;
import org.candor.support.domain.MessageKind;
import org.candor.support.service.ChatEvent;
import org.candor.support.service.ChatService;
import org.candor.support.service.TicketMessagePosted;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Carries what chat participants must see to whichever replica holds their WebSocket. Every replica
 * publishes frames to one Kafka topic (keyed by chat, so a chat's frames stay in order) and reads all
 * of it in a consumer group of its own, delivering each frame to the connections it holds. Frames are
 * sent after the change commits; the transcript itself lives in the database.
 */
@ApplicationScoped
public class ChatRelay {

    /** Outgoing channel to the relay topic. */
    public static final String OUT = "chat-relay-out";
    /** Incoming channel from the relay topic, in a consumer group per replica. */
    public static final String IN = "chat-relay-in";

    /** One relayed frame: who should see it and what. */
    public record RelayFrame(String sessionId, String audience, String agent, Map<String, Object> payload) {
    }

    private final Emitter<Record<String, String>> emitter;
    private final ChatConnections connections;
    private final ChatService chats;
    private final ObjectMapper objectMapper;

    ChatRelay(@org.eclipse.microprofile.reactive.messaging.Channel(OUT) @OnOverflow(value = OnOverflow.Strategy.BUFFER,
            bufferSize = 4096) Emitter<Record<String, String>> emitter, ChatConnections connections, ChatService chats,
            ObjectMapper objectMapper) {
        this.emitter = emitter;
        this.connections = connections;
        this.chats = chats;
        this.objectMapper = objectMapper;
    }

    void onChatEvent(@Observes(during = TransactionPhase.AFTER_SUCCESS) ChatEvent event) {
        publish(new RelayFrame(event.sessionId() == null ? null : event.sessionId().toString(), event.audience(),
                event.agent(), event.payload()));
    }

    void onMessage(@Observes(during = TransactionPhase.AFTER_SUCCESS) TicketMessagePosted posted) {
        if (posted.channel() != Channel.CHAT || posted.kind() == MessageKind.INTERNAL_NOTE) {
            return;
        }
        ChatSession session = QuarkusTransaction.requiringNew().call(() -> chats.byTicket(posted.ticketId()).orElse(null));
        if (session == null) {
            return;
        }
        Map<String, Object> payload = new HashMap<>();
        payload.put("type", "message");
        payload.put("sessionId", session.id.toString());
        payload.put("from", posted.kind() == MessageKind.CUSTOMER_MESSAGE ? "customer" : "agent");
        payload.put("author", posted.kind() == MessageKind.CUSTOMER_MESSAGE ? "customer" : posted.author());
        payload.put("text", posted.body());
        payload.put("at", posted.at().toString());
        publish(new RelayFrame(session.id.toString(), "SESSION", session.agent, payload));
    }

    private void publish(RelayFrame frame) {
        try {
            String key = frame.sessionId() == null ? "queue" : frame.sessionId();
            emitter.send(Record.of(key, objectMapper.writeValueAsString(frame)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chat frame cannot be serialised", e);
        }
    }

    @Incoming(IN)
    @Blocking
    void deliver(String json) {
        RelayFrame frame;
        try {
            frame = objectMapper.readValue(json, RelayFrame.class);
        } catch (JsonProcessingException e) {
            Log.warnf("Ignoring an unreadable chat relay frame: %s", e.getOriginalMessage());
            return;
        }
        switch (frame.audience()) {
            case "SESSION" -> {
                String payload = write(frame.payload());
                connections.toCustomer(UUID.fromString(frame.sessionId()), payload);
                if (frame.agent() != null) {
                    connections.toAgent(frame.agent(), payload);
                }
            }
            case "AGENT" -> connections.toAgent(frame.agent(), write(frame.payload()));
            case "QUEUE" -> refreshQueue();
            default -> Log.warnf("Ignoring a chat relay frame for audience %s", frame.audience());
        }
    }

    /** The waiting line changed: tell local waiting customers their place and local agents the length. */
    private void refreshQueue() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (UUID sessionId : connections.customerSessions()) {
                ChatService.Position position = chats.position(sessionId);
                if (position.position() > 0) {
                    connections.toCustomer(sessionId, write(Map.of("type", "queued", "sessionId", sessionId.toString(),
                            "position", position.position(), "estimatedWaitSeconds", position.estimatedWaitSeconds())));
                }
            }
            long waiting = chats.waiting();
            for (String agent : connections.agentNames()) {
                connections.toAgent(agent, write(Map.of("type", "queue", "waiting", waiting)));
            }
        });
    }

    String write(Object payload) {
        try {
            return objectMapper.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Chat frame cannot be serialised", e);
        }
    }
}
