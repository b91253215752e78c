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
 * customer, before anything account-specific is discussed, by a one-time code sent to the email address
 * or phone number on record and typed into the same chat.
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
    private final CustomerService customers;

    ChatService(EntityManager entityManager, TicketService tickets, Notifications notifications,
            VerificationSigner signer, SupportConfig config, Clock clock, Event<ChatEvent> events,
            CustomerService customers) {
        this.customers = customers;
        this.entityManager = entityManager;
        this.tickets = tickets;
        this.notifications = notifications;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
        this.events = events;
    }

    /**
     * A customer opens the widget: a CHAT ticket and a session in the waiting line. Nothing is written
     * when the chat could not go on (verification not configured).
     */
    @Transactional
    public ChatSession start(String locale) {
        signer.requireConfigured();
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
                clock.instant().plus(config.verification().resumeTtl()));
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

    /**
     * The person in the chat names the email address or phone number they are on record with. If it is
     * one customer's, a one-time code goes to that address, bound to this chat; if not (or that customer
     * has had their codes for the hour), nothing is sent. The answer is the same either way, so the chat
     * never tells whether an address is known. A resend voids the previous code but keeps the count of
     * wrong codes; a chat may ask for a limited number of codes.
     */
    @Transactional
    public void requestCode(UUID sessionId, String typed) {
        ChatSession session = lockedRunning(sessionId);
        CustomerContact contact = CustomerContact.parse(typed).orElseThrow(() -> Problems.invalid("contact",
                "give the email address or the phone number (international format, e.g. +49 151 2345678) you are on record with"));
        requireOpenVerification(session);
        if (session.codesRequested >= config.verification().maxCodesPerChat()) {
            throw new org.candor.platform.rest.ProblemException(org.candor.platform.rest.Problem.of(
                    jakarta.ws.rs.core.Response.Status.TOO_MANY_REQUESTS, "No more codes can be sent in this chat"));
        }
        Instant now = clock.instant();
        String code = signer.newCode();
        Optional<String> customerId = customers.byContact(contact).filter(id -> withinHourlyLimit(session.id, id, now));
        session.codesRequested++;
        session.pendingCustomerId = customerId.orElse(null);
        // An address on record for nobody gets a code too, one that is never sent: its wrong tries count alike.
        session.codeHmac = signer.codeHmac(session.id.toString(), customerId.orElse(""), code);
        session.codeExpiresAt = now.plus(config.verification().codeTtl());
        session.codeChannel = contact.channel();
        if (customerId.isPresent()) {
            entityManager.createNativeQuery("insert into verification_code_sent (customer_id, sent_at) values (:customer, :now)")
                    .setParameter("customer", customerId.get())
                    .setParameter("now", now)
                    .executeUpdate();
            notifications.toContact("support:chat-code:" + session.id + ":" + session.codesRequested,
                    "support-verification-code", contact, session.locale, Map.of("code", code,
                            "validMinutes", String.valueOf(config.verification().codeTtl().toMinutes())), true, now);
        }
        events.fire(ChatEvent.session(session.id, session.agent, frame("verification", session,
                Map.of("status", "code-requested", "channel", contact.channel()))));
    }

    /** Whether the customer may get another code this hour (serialised per customer across chats and replicas). */
    private boolean withinHourlyLimit(UUID sessionId, String customerId, Instant now) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext('chat-code:' || :customer))")
                .setParameter("customer", customerId).getSingleResult();
        Instant hourAgo = now.minus(java.time.Duration.ofHours(1));
        entityManager.createNativeQuery("delete from verification_code_sent where customer_id = :customer and sent_at <= :since")
                .setParameter("customer", customerId).setParameter("since", hourAgo).executeUpdate();
        Number sent = (Number) entityManager.createNativeQuery(
                "select count(*) from verification_code_sent where customer_id = :customer and sent_at > :since")
                .setParameter("customer", customerId).setParameter("since", hourAgo).getSingleResult();
        if (sent.longValue() >= config.verification().maxCodesPerCustomerPerHour()) {
            Log.infof("Chat %s: the named customer has had %d codes this hour; none sent", sessionId, sent.longValue());
            return false;
        }
        return true;
    }

    /**
     * Checks the code the customer typed in this chat. Wrong codes count over every code of the chat;
     * when they reach the limit, verification in this chat is over.
     */
    @Transactional
    public boolean verifyCode(UUID sessionId, String code) {
        ChatSession session = lockedRunning(sessionId);
        requireOpenVerification(session);
        Instant now = clock.instant();
        if (session.codeHmac == null || session.codeExpiresAt == null || !now.isBefore(session.codeExpiresAt)) {
            throw Problems.conflict("code", "no valid code was sent; ask for a new one");
        }
        String customerId = session.pendingCustomerId;
        boolean valid = customerId != null && code != null && signer.sameHmac(session.codeHmac,
                signer.codeHmac(session.id.toString(), customerId, code.trim()));
        if (!valid) {
            session.codeAttempts++;
            Map<String, Object> extra = new HashMap<>();
            extra.put("status", "failed");
            extra.put("attemptsLeft", Math.max(0, config.verification().maxAttempts() - session.codeAttempts));
            if (session.codeAttempts >= config.verification().maxAttempts()) {
                session.verificationLocked = true;
                session.codeHmac = null;
                session.codeExpiresAt = null;
                session.pendingCustomerId = null;
                extra.put("status", "locked");
                Log.infof("Chat %s: verification ended after %d wrong codes", session.id, session.codeAttempts);
            }
            events.fire(ChatEvent.session(session.id, session.agent, frame("verification", session, extra)));
            return false;
        }
        verified(session, customerId, "email".equals(session.codeChannel) ? "EMAIL_CODE" : "SMS_CODE");
        return true;
    }

    private void requireOpenVerification(ChatSession session) {
        if (session.verifiedCustomerId != null) {
            throw Problems.conflict("code", "this chat is already verified");
        }
        if (session.verificationLocked) {
            throw Problems.conflict("code", "verification in this chat has ended after "
                    + config.verification().maxAttempts() + " wrong codes; the agent can help you another way");
        }
    }

    private ChatSession lockedRunning(UUID sessionId) {
        return ChatSession.<ChatSession>findByIdOptional(sessionId, LockModeType.PESSIMISTIC_WRITE)
                .filter(found -> found.status != ChatStatus.ENDED)
                .orElseThrow(() -> Problems.conflict("sessionId", "the chat has ended"));
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
        session.codeChannel = null;
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

    private static Map<String, Object> frame(String type, ChatSession session, Map<String, Object> extra) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put("sessionId", session.id.toString());
        frame.putAll(extra);
        return frame;
    }
}
