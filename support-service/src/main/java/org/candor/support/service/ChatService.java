package org.candor.support.service;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.support.config.SupportConfig;
import org.candor.support.domain.Agent;
import org.candor.support.domain.ChatSession;
import org.candor.support.domain.ChatStatus;
import org.candor.support.domain.Channel;
import org.candor.support.domain.MessageKind;
import org.candor.support.domain.Priority;
import org.candor.support.domain.Ticket;
import org.candor.support.domain.TicketMessage;
import org.candor.support.domain.TicketStatus;

import io.quarkus.logging.Log;

/**
 * Live chat: the waiting line, taking the next chat, messages both ways, transfer, and verifying the
 * customer by a one-time SMS code or a signed email link before anything account-specific is discussed.
 */
@ApplicationScoped
public class ChatService {

    /** Place in the waiting line (1 = next) and the estimated wait. */
    public record Position(int position, long estimatedWaitSeconds) {
    }

    private final EntityManager entityManager;
    private final TicketService tickets;
    private final Notifications notifications;
    private final VerificationSigner signer;
    private final SupportConfig config;
    private final Clock clock;
    private final Event<ChatEvent> events;

    ChatService(EntityManager entityManager, TicketService tickets, Notifications notifications,
            VerificationSigner signer, SupportConfig config, Clock clock, Event<ChatEvent> events) {
        this.entityManager = entityManager;
        this.tickets = tickets;
        this.notifications = notifications;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
        this.events = events;
    }

    /** A customer opens the widget: a CHAT ticket and a session in the waiting line. */
    @Transactional
    public ChatSession start(String locale) {
        Instant now = clock.instant();
        String safeLocale = locale != null && locale.matches("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*") ? locale : "en";
        Ticket ticket = tickets.open(new TicketService.NewTicket(Channel.CHAT, Priority.HIGH, config.chat().queue(),
                "Live chat", null, safeLocale, null, null, null), "customer", false);
        ChatSession session = new ChatSession();
        session.id = UUID.randomUUID();
        session.ticketId = ticket.id;
        session.status = ChatStatus.WAITING;
        session.locale = safeLocale;
        session.createdAt = now;
        entityManager.persist(session);
        entityManager.flush();
        events.fire(ChatEvent.queueChanged());
        return session;
    }

    public ChatSession get(UUID id) {
        return ChatSession.<ChatSession>findByIdOptional(id).orElseThrow(() -> Problems.notFound("No chat " + id));
    }

    public Optional<ChatSession> byTicket(UUID ticketId) {
        return ChatSession.<ChatSession>find("ticketId", ticketId).firstResultOptional();
    }

    /** A token with which the customer may rejoin the chat, from any replica, for the given time. */
    public String resumeToken(ChatSession session) {
        return signer.sign(VerificationSigner.Purpose.CHAT_RESUME, session.id.toString(), null,
                clock.instant().plus(config.verification().linkTtl()));
    }

    /** The session a resume token is for, if the token is valid and the chat still runs. */
    public Optional<ChatSession> resume(String token) {
        return signer.verify(token, VerificationSigner.Purpose.CHAT_RESUME, clock.instant())
                .map(claims -> ChatSession.<ChatSession>findById(UUID.fromString(claims.subject())))
                .filter(session -> session != null && session.status != ChatStatus.ENDED);
    }

    public Position position(UUID sessionId) {
        ChatSession session = get(sessionId);
        if (session.status != ChatStatus.WAITING) {
            return new Position(0, 0);
        }
        // Ahead are the chats waiting longer in the same queue (a transferred chat keeps its place by age).
        long ahead = entityManager.createQuery("""
                select count(c) from ChatSession c, Ticket t
                where t.id = c.ticketId and c.status = :waiting and c.seq < :seq
                  and t.queue = (select q.queue from Ticket q where q.id = :ticket)""", Long.class)
                .setParameter("waiting", ChatStatus.WAITING)
                .setParameter("seq", session.seq)
                .setParameter("ticket", session.ticketId)
                .getSingleResult();
        long agents = Math.max(1, Agent.count("active = true"));
        long wait = (ahead + 1) * config.chat().averageHandleTime().toSeconds() / agents;
        return new Position((int) ahead + 1, wait);
    }

    public long waiting() {
        return ChatSession.count("status", ChatStatus.WAITING);
    }

    /** The agent takes the longest-waiting chat of any queue; concurrent agents never get the same one. */
    @Transactional
    public Optional<ChatSession> takeNext(String agent) {
        return takeNext(agent, null);
    }

    /**
     * The agent takes the longest-waiting chat of {@code queue} (any queue when null); concurrent agents
     * never get the same one.
     */
    @Transactional
    public Optional<ChatSession> takeNext(String agent, String queue) {
        if (queue != null) {
            tickets.queue(queue, "queue");
        }
        @SuppressWarnings("unchecked")
        List<ChatSession> next = entityManager.createNativeQuery("""
                select c.* from chat_session c join ticket t on t.id = c.ticket_id
                where c.status = 'WAITING' and (cast(:queue as varchar) is null or t.queue = cast(:queue as varchar))
                order by c.seq
                limit 1
                for update of c skip locked""", ChatSession.class)
                .setParameter("queue", queue)
                .getResultList();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        ChatSession session = next.get(0);
        Instant now = clock.instant();
        session.status = ChatStatus.ACTIVE;
        session.agent = agent;
        session.acceptedAt = now;
        Ticket ticket = tickets.lock(session.ticketId);
        ticket.assignee = agent;
        ticket.updatedAt = now;
        tickets.history(ticket, agent, "ASSIGNED", "assignee=" + agent + " (took the chat)", now);
        events.fire(ChatEvent.session(session.id, null, frame("agent-joined", session, Map.of("agent", agent))));
        events.fire(ChatEvent.queueChanged());
        return Optional.of(session);
    }

    @Transactional
    public void customerSays(UUID sessionId, String text) {
        ChatSession session = running(sessionId);
        checkLength(text);
        tickets.customerMessage(session.ticketId, text, "customer");
    }

    @Transactional
    public void agentSays(UUID sessionId, String agent, String text, UUID macroId) {
        ChatSession session = ownedBy(sessionId, agent);
        if (macroId == null) {
            checkLength(text);
        }
        tickets.reply(session.ticketId, MessageKind.PUBLIC_REPLY, text, macroId, agent);
    }

    /** Hands the chat to another agent, who gets it with its transcript. */
    @Transactional
    public ChatSession transfer(UUID sessionId, String agent, String toAgent) {
        ChatSession session = ownedBy(sessionId, agent);
        Agent target = Agent.<Agent>findByIdOptional(toAgent == null ? "" : toAgent)
                .filter(candidate -> candidate.active)
                .orElseThrow(() -> Problems.invalid("toAgent", "no active agent '" + toAgent + "'"));
        Instant now = clock.instant();
        session.agent = target.id;
        Ticket ticket = tickets.lock(session.ticketId);
        ticket.assignee = target.id;
        ticket.updatedAt = now;
        tickets.history(ticket, agent, "TRANSFERRED", "from " + agent + " to " + target.id, now);
        events.fire(ChatEvent.agent(session.id, agent, frame("transferred", session, Map.of("to", target.id))));
        events.fire(ChatEvent.agent(session.id, target.id, chatFrame(session)));
        return session;
    }

    /**
     * Hands the chat back to a waiting line: its own queue's, or {@code toQueue}'s. The customer waits
     * again (keeping their place by age) and the next agent who takes a chat of that queue gets it with
     * its transcript.
     */
    @Transactional
    public ChatSession requeue(UUID sessionId, String agent, String toQueue) {
        ChatSession session = ownedBy(sessionId, agent);
        Instant now = clock.instant();
        Ticket ticket = tickets.lock(session.ticketId);
        if (toQueue != null && !toQueue.isBlank() && !toQueue.equals(ticket.queue)) {
            tickets.queue(toQueue, "toQueue");
            tickets.update(ticket.id, null, toQueue, null, agent);
        }
        session.status = ChatStatus.WAITING;
        session.agent = null;
        session.acceptedAt = null;
        ticket.assignee = null;
        ticket.updatedAt = now;
        tickets.history(ticket, agent, "TRANSFERRED", "from " + agent + " back to queue " + ticket.queue, now);
        events.fire(ChatEvent.agent(session.id, agent, frame("transferred", session, Map.of("queue", ticket.queue))));
        events.fire(ChatEvent.session(session.id, null, frame("transferred", session, Map.of("queue", ticket.queue))));
        events.fire(ChatEvent.queueChanged());
        return session;
    }

    /** Ends the chat; the agent may resolve its ticket at the same time. */
    @Transactional
    public void end(UUID sessionId, String by, boolean resolve) {
        ChatSession session = ChatSession.<ChatSession>findByIdOptional(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Problems.notFound("No chat " + sessionId));
        if (session.status == ChatStatus.ENDED) {
            return;
        }
        boolean wasWaiting = session.status == ChatStatus.WAITING;
        session.status = ChatStatus.ENDED;
        session.endedAt = clock.instant();
        Ticket ticket = tickets.lock(session.ticketId);
        if (resolve && ticket.status.canMoveTo(TicketStatus.RESOLVED)) {
            tickets.move(ticket, TicketStatus.RESOLVED, by, session.endedAt);
        }
        tickets.history(ticket, by, "CHAT_ENDED", "", session.endedAt);
        events.fire(ChatEvent.session(session.id, session.agent, frame("ended", session, Map.of())));
        if (wasWaiting) {
            events.fire(ChatEvent.queueChanged());
        }
    }

    /** Sends a one-time code by SMS to the customer the person in the chat claims to be. */
    @Transactional
    public void sendCode(UUID sessionId, String customerId) {
        ChatSession session = running(sessionId);
        requireCustomerId(customerId);
        String code = signer.newCode();
        Instant now = clock.instant();
        session.pendingCustomerId = customerId;
        session.codeHmac = signer.codeHmac(session.id.toString(), customerId, code);
        session.codeExpiresAt = now.plus(config.verification().codeTtl());
        session.codeAttempts = 0;
        notifications.toCustomer("support:chat-code:" + session.id + ":" + session.codeHmac, "support-verification-code",
                null, customerId, session.locale, Map.of("code", code,
                        "validMinutes", String.valueOf(config.verification().codeTtl().toMinutes())), true, now);
        events.fire(ChatEvent.session(session.id, session.agent, frame("verification", session,
                Map.of("status", "code-sent"))));
    }

    /** Checks the code the customer typed; a few wrong tries and the code is void. */
    @Transactional
    public boolean verifyCode(UUID sessionId, String code) {
        ChatSession session = ChatSession.<ChatSession>findByIdOptional(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.status != ChatStatus.ENDED)
                .orElseThrow(() -> Problems.notFound("No running chat " + sessionId));
        Instant now = clock.instant();
        if (session.codeHmac == null || session.codeExpiresAt == null || !now.isBefore(session.codeExpiresAt)) {
            throw Problems.conflict("code", "no valid code was sent; ask for a new one");
        }
        session.codeAttempts++;
        boolean valid = code != null && signer.sameHmac(session.codeHmac,
                signer.codeHmac(session.id.toString(), session.pendingCustomerId, code.trim()));
        if (!valid) {
            if (session.codeAttempts >= config.verification().maxAttempts()) {
                session.codeHmac = null;
                session.codeExpiresAt = null;
            }
            events.fire(ChatEvent.session(session.id, session.agent, frame("verification", session,
                    Map.of("status", "failed"))));
            return false;
        }
        verified(session, session.pendingCustomerId, "SMS_CODE");
        return true;
    }

    /** Sends the customer a signed link (by email) that verifies them in this chat when opened. */
    @Transactional
    public void sendLink(UUID sessionId, String customerId) {
        ChatSession session = running(sessionId);
        requireCustomerId(customerId);
        Instant now = clock.instant();
        String token = signer.sign(VerificationSigner.Purpose.CHAT_LINK, session.id.toString(), customerId,
                now.plus(config.verification().linkTtl()));
        String link = config.verification().widgetUrl() + "?verify=" + token;
        notifications.toCustomer("support:chat-link:" + session.id + ":" + now.toEpochMilli(), "support-verification-link",
                null, customerId, session.locale, Map.of("link", link,
                        "validMinutes", String.valueOf(config.verification().linkTtl().toMinutes())), true, now);
        events.fire(ChatEvent.session(session.id, session.agent, frame("verification", session,
                Map.of("status", "link-sent"))));
    }

    /** The customer opened the link: if it is ours, unexpired and for this chat, the chat is verified. */
    @Transactional
    public boolean verifyLink(UUID sessionId, String token) {
        ChatSession session = running(sessionId);
        Optional<VerificationSigner.Claims> claims = signer.verify(token, VerificationSigner.Purpose.CHAT_LINK,
                clock.instant());
        if (claims.isEmpty() || !claims.get().subject().equals(session.id.toString())) {
            events.fire(ChatEvent.session(session.id, session.agent, frame("verification", session,
                    Map.of("status", "failed"))));
            return false;
        }
        verified(session, claims.get().customerId(), "EMAIL_LINK");
        return true;
    }

    /**
     * The customer opened a verification link, perhaps in another browser: the link's chat, now
     * verified, if the link is ours, unexpired and the chat still runs.
     */
    @Transactional
    public Optional<ChatSession> openByLink(String token) {
        Optional<VerificationSigner.Claims> claims = signer.verify(token, VerificationSigner.Purpose.CHAT_LINK,
                clock.instant());
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        ChatSession session = ChatSession.<ChatSession>findByIdOptional(UUID.fromString(claims.get().subject()),
                LockModeType.PESSIMISTIC_WRITE).filter(found -> found.status != ChatStatus.ENDED).orElse(null);
        if (session == null) {
            return Optional.empty();
        }
        if (session.verifiedCustomerId == null) {
            verified(session, claims.get().customerId(), "EMAIL_LINK");
        }
        return Optional.of(session);
    }

    public List<TicketMessage> transcript(ChatSession session) {
        return tickets.messages(session.ticketId, false);
    }

    /** The frame that hands a chat to an agent: who, verification state and the transcript so far. */
    public Map<String, Object> chatFrame(ChatSession session) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("ticketId", session.ticketId.toString());
        extra.put("locale", session.locale);
        extra.put("verifiedCustomerId", session.verifiedCustomerId);
        extra.put("transcript", transcript(session).stream().map(message -> Map.of("from",
                message.kind == MessageKind.CUSTOMER_MESSAGE ? "customer" : "agent", "author", message.author,
                "text", message.body, "at", message.createdAt.toString())).toList());
        return frame("chat", session, extra);
    }

    private void verified(ChatSession session, String customerId, String how) {
        session.verifiedCustomerId = customerId;
        session.verifiedBy = how;
        session.pendingCustomerId = null;
        session.codeHmac = null;
        session.codeExpiresAt = null;
        tickets.linkCustomer(session.ticketId, customerId, "customer", how);
        Map<String, Object> extra = new HashMap<>();
        extra.put("status", "verified");
        extra.put("method", how);
        extra.put("customerId", customerId);
        events.fire(ChatEvent.session(session.id, session.agent, frame("verification", session, extra)));
        Log.infof("Chat %s verified by %s", session.id, how);
    }

    private ChatSession running(UUID sessionId) {
        ChatSession session = get(sessionId);
        if (session.status == ChatStatus.ENDED) {
            throw Problems.conflict("sessionId", "the chat has ended");
        }
        return session;
    }

    private ChatSession ownedBy(UUID sessionId, String agent) {
        ChatSession session = running(sessionId);
        if (session.status != ChatStatus.ACTIVE || !agent.equals(session.agent)) {
            throw Problems.conflict("sessionId", "the chat is not yours");
        }
        return session;
    }

    private void checkLength(String text) {
        if (text == null || text.isBlank()) {
            throw Problems.invalid("text", "must not be blank");
        }
        if (text.length() > config.chat().maxMessageLength()) {
            throw Problems.invalid("text", "is longer than " + config.chat().maxMessageLength() + " characters");
        }
    }

    private static void requireCustomerId(String customerId) {
        if (customerId == null || customerId.isBlank() || customerId.length() > 128) {
            throw Problems.invalid("customerId", "give the customer number (1–128 characters)");
        }
    }

    private static Map<String, Object> frame(String type, ChatSession session, Map<String, Object> extra) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("sessionId", session.id.toString());
        frame.putAll(extra);
        return frame;
    }
}
