package org.candor.support.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.contracts.support.TicketOpened;
import org.candor.contracts.support.TicketResolved;
import org.candor.platform.outbox.Outbox;
import org.candor.support.config.SupportConfig;
import org.candor.support.domain.BusinessCalendar;
import org.candor.support.domain.Channel;
import org.candor.support.domain.Macro;
import org.candor.support.domain.MessageKind;
import org.candor.support.domain.Priority;
import org.candor.support.domain.SlaPolicy;
import org.candor.support.domain.SlaTarget;
import org.candor.support.domain.SupportQueue;
import org.candor.support.domain.Ticket;
import org.candor.support.domain.TicketHistory;
import org.candor.support.domain.TicketMessage;
import org.candor.support.domain.TicketStatus;

import io.quarkus.logging.Log;

/** The life of a ticket: opening, status changes, replies and notes, each change in the history. */
@ApplicationScoped
public class TicketService {

    /** What it takes to open a ticket. */
    public record NewTicket(Channel channel, Priority priority, String queue, String subject, String customerId,
            String locale, String country, UUID incidentId, String description) {
    }

    /** A ticket and when each of its SLA targets falls due, as the API shows it. */
    public record TicketWithDueDates(Ticket ticket, Map<SlaTarget, Instant> due) {
    }

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Notifications notifications;
    private final KnownIncidentService incidents;
    private final AssignmentService assignment;
    private final SupportConfig config;
    private final Clock clock;
    private final Event<TicketMessagePosted> messagePosted;
    private final ReferenceData referenceData;
    private final TicketHistoryLog historyLog;

    TicketService(EntityManager entityManager, Outbox outbox, Notifications notifications, KnownIncidentService incidents,
            AssignmentService assignment, SupportConfig config, Clock clock, Event<TicketMessagePosted> messagePosted,
            ReferenceData referenceData, TicketHistoryLog historyLog) {
        this.referenceData = referenceData;
        this.historyLog = historyLog;
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.notifications = notifications;
        this.incidents = incidents;
        this.assignment = assignment;
        this.config = config;
        this.clock = clock;
        this.messagePosted = messagePosted;
    }

    /** Opens a ticket: NEW, its SLA clock running, linked to the active incident unless one is given. */
    @Transactional
    public Ticket open(NewTicket request, String actor) {
        return open(request, actor, true);
    }

    /**
     * Opens a ticket as {@link #open(NewTicket, String)} does and works out its due dates in the same
     * transaction, where its queue and SLA policy are already loaded: no further queries afterwards.
     */
    @Transactional
    public TicketWithDueDates openWithDueDates(NewTicket request, String actor) {
        Ticket ticket = open(request, actor, true);
        return new TicketWithDueDates(ticket, dueDates(ticket));
    }

    /** Opens a ticket; {@code autoAssign} false leaves it to be taken by hand (as chats are). */
    @Transactional
    public Ticket open(NewTicket request, String actor, boolean autoAssign) {
        Instant now = clock.instant();
        String queueCode = request.queue() == null ? config.tickets().defaultQueue() : request.queue();
        ReferenceData.Queue known = referenceData.queue(queueCode)
                .orElseThrow(() -> unknownQueue(queueCode, "queue"));
        SupportQueue queue = known.queue();
        UUID incidentId = request.incidentId();
        if (incidentId != null && incidents.find(incidentId).isEmpty()) {
            throw Problems.invalid("incidentId", "no incident " + incidentId + " is known to support");
        }
        if (incidentId == null) {
            incidentId = referenceData.activeIncident().orElse(null);
        }
        Ticket ticket = new Ticket();
        ticket.id = UUID.randomUUID();
        ticket.channel = request.channel();
        ticket.status = TicketStatus.NEW;
        ticket.priority = request.priority() == null ? Priority.NORMAL : request.priority();
        ticket.queue = queue.code;
        ticket.subject = request.subject();
        ticket.customerId = request.customerId();
        ticket.locale = request.locale() == null ? "en" : request.locale();
        ticket.country = request.country();
        ticket.incidentId = incidentId;
        ticket.createdAt = now;
        ticket.updatedAt = now;
        SlaRules.start(ticket, now);
        SlaRules.schedule(ticket, policy(ticket.priority), known.calendar(), config.sla().atRiskRatio());
        entityManager.persist(ticket);
        // Inserted now: its number (the reference people quote) comes from the database.
        entityManager.flush();
        history(ticket, actor, "CREATED", "channel=" + ticket.channel + " queue=" + ticket.queue + " priority="
                + ticket.priority + (incidentId == null ? "" : " incident=" + incidentId), now);
        if (request.description() != null && !request.description().isBlank()) {
            addMessage(ticket, MessageKind.CUSTOMER_MESSAGE, actor, request.description(), now);
        }
        outbox.record(new TicketOpened(ticket.id, ticket.channel.name(), ticket.queue, ticket.priority.name(),
                ticket.incidentId, ticket.customerId, ticket.locale, now), now);
        if (autoAssign && queue.autoAssign) {
            assignment.autoAssign(ticket, queue, now).ifPresent(agent -> history(ticket, "system", "ASSIGNED",
                    "assignee=" + agent + " (round-robin)", now));
        }
        Log.debugf("Opened ticket %s (%s, queue %s)", ticket.id, ticket.channel, ticket.queue);
        return ticket;
    }

    public Ticket get(UUID id) {
        return Ticket.<Ticket>findByIdOptional(id).orElseThrow(() -> Problems.notFound("No ticket " + id));
    }

    /** The due date of each SLA target that still applies while the clock runs. */
    public Map<SlaTarget, Instant> dueDates(Ticket ticket) {
        return SlaRules.dueDates(ticket, policy(ticket.priority), calendar(ticket.queue));
    }

    /** Moves the ticket to {@code target}, or 409 when that transition is not allowed. */
    @Transactional
    public Ticket changeStatus(UUID id, TicketStatus target, String actor) {
        Instant now = clock.instant();
        Ticket ticket = lock(id);
        move(ticket, target, actor, now);
        return ticket;
    }

    /** Adds a public reply or an internal note, written out or taken from a macro. */
    @Transactional
    public TicketMessage reply(UUID id, MessageKind kind, String body, UUID macroId, String actor) {
        if (kind == MessageKind.CUSTOMER_MESSAGE) {
            throw Problems.invalid("kind", "staff write PUBLIC_REPLY or INTERNAL_NOTE");
        }
        Instant now = clock.instant();
        Ticket ticket = lock(id);
        String text = text(body, macroId);
        return answer(ticket, kind, text, actor, now, macroId == null ? null : "macro=" + macroId);
    }

    /** What the customer wrote (by chat, mail or web): waiting for them ends. */
    @Transactional
    public TicketMessage customerMessage(UUID id, String body, String author) {
        Instant now = clock.instant();
        Ticket ticket = lock(id);
        if (ticket.status == TicketStatus.CLOSED) {
            throw Problems.conflict("status", "ticket " + id + " is closed; open a new one");
        }
        if (ticket.status == TicketStatus.PENDING_CUSTOMER) {
            move(ticket, TicketStatus.OPEN, author, now);
        }
        SlaRules.customerWrote(ticket, calendar(ticket.queue), now);
        SlaRules.schedule(ticket, policy(ticket.priority), calendar(ticket.queue), config.sla().atRiskRatio());
        return addMessage(ticket, MessageKind.CUSTOMER_MESSAGE, author, body, now);
    }

    /** Links the ticket to a customer whose identity was verified. */
    @Transactional
    public Ticket linkCustomer(UUID id, String customerId, String actor, String how) {
        Instant now = clock.instant();
        Ticket ticket = lock(id);
        ticket.customerId = customerId;
        ticket.updatedAt = now;
        // The history says that and how, never who: no personal data in an append-only record.
        history(ticket, actor, "CUSTOMER_VERIFIED", "verified by " + how, now);
        return ticket;
    }

    /** Changes priority, queue or incident; the SLA follows the new priority and calendar. */
    @Transactional
    public Ticket update(UUID id, Priority priority, String queueCode, UUID incidentId, String actor) {
        Instant now = clock.instant();
        Ticket ticket = lock(id);
        List<String> changes = new ArrayList<>();
        if (queueCode != null && !queueCode.equals(ticket.queue)) {
            SupportQueue queue = queue(queueCode, "queue");
            // Seconds consumed so far were counted in the old calendar; from now on the new one counts.
            boolean running = SlaRules.running(ticket);
            SlaRules.pause(ticket, calendar(ticket.queue), now);
            if (running) {
                SlaRules.start(ticket, now);
            }
            changes.add("queue " + ticket.queue + " -> " + queue.code);
            ticket.queue = queue.code;
        }
        if (priority != null && priority != ticket.priority) {
            changes.add("priority " + ticket.priority + " -> " + priority);
            ticket.priority = priority;
        }
        if (incidentId != null && !incidentId.equals(ticket.incidentId)) {
            if (incidents.find(incidentId).isEmpty()) {
                throw Problems.invalid("incidentId", "no incident " + incidentId + " is known to support");
            }
            changes.add("incident " + ticket.incidentId + " -> " + incidentId);
            ticket.incidentId = incidentId;
        }
        if (!changes.isEmpty()) {
            ticket.updatedAt = now;
            SlaRules.schedule(ticket, policy(ticket.priority), calendar(ticket.queue), config.sla().atRiskRatio());
            history(ticket, actor, "UPDATED", String.join("; ", changes), now);
        }
        return ticket;
    }

    public List<TicketHistory> history(UUID id) {
        get(id);
        return TicketHistory.<TicketHistory>find("ticketId = ?1 order by id", id).list();
    }

    public List<TicketMessage> messages(UUID id, boolean includeInternal) {
        get(id);
        return includeInternal
                ? TicketMessage.<TicketMessage>find("ticketId = ?1 order by seq", id).list()
                : TicketMessage.<TicketMessage>find("ticketId = ?1 and kind <> ?2 order by seq", id,
                        MessageKind.INTERNAL_NOTE).list();
    }

    /** Closes resolved tickets whose reopen window has passed. */
    @Transactional
    public int closeExpired() {
        Instant now = clock.instant();
        List<Ticket> expired = entityManager.createQuery(
                "select t from Ticket t where t.status = :resolved and t.resolvedAt < :cutoff", Ticket.class)
                .setParameter("resolved", TicketStatus.RESOLVED)
                .setParameter("cutoff", now.minus(config.tickets().closeAfter()))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .setMaxResults(500)
                .getResultList();
        expired.forEach(ticket -> move(ticket, TicketStatus.CLOSED, "system", now));
        return expired.size();
    }

    // ---- used by other use cases inside their transaction ----

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket lock(UUID id) {
        Ticket ticket = entityManager.find(Ticket.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (ticket == null) {
            throw Problems.notFound("No ticket " + id);
        }
        return ticket;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public TicketMessage answer(Ticket ticket, MessageKind kind, String text, String actor, Instant now, String note) {
        if (ticket.status == TicketStatus.CLOSED) {
            throw Problems.conflict("status", "ticket " + ticket.id + " is closed");
        }
        TicketMessage message = addMessage(ticket, kind, actor, text, now, note);
        if (kind == MessageKind.PUBLIC_REPLY) {
            SlaRules.agentReplied(ticket, now);
            if (ticket.status == TicketStatus.NEW) {
                move(ticket, TicketStatus.OPEN, actor, now);
            }
            SlaRules.schedule(ticket, policy(ticket.priority), calendar(ticket.queue), config.sla().atRiskRatio());
            if (ticket.customerId != null && ticket.channel != Channel.CHAT) {
                notifications.toCustomer("support:reply:" + message.id, "support-reply", ticket.incidentId,
                        ticket.customerId, ticket.locale, replyParameters(ticket, text), false, now);
            } else if (ticket.customerId == null && ticket.requesterEmail != null) {
                notifications.toAddress("support:reply:" + message.id, "support-reply", ticket.incidentId,
                        ticket.requesterEmail, ticket.locale, replyParameters(ticket, text), false, now);
            }
        }
        return message;
    }

    /**
     * What the reply email shows: the ticket's reference and subject, the text, and whether the template greets (not
     * when the text already opens with a greeting of its own).
     */
    public static Map<String, String> replyParameters(Ticket ticket, String text) {
        return Map.of("ticketId", ticket.id.toString(), "ticketReference", ticket.reference(), "ticketSubject",
                ticket.subject, "reply", text, "greet", String.valueOf(!Greetings.opensWithOne(text)));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void move(Ticket ticket, TicketStatus target, String actor, Instant now) {
        TicketStatus from = ticket.status;
        if (!from.canMoveTo(target)) {
            throw Problems.conflict("status", "a ticket cannot go from " + from + " to " + target + "; allowed: "
                    + from.next());
        }
        if (from == TicketStatus.RESOLVED && target == TicketStatus.OPEN
                && now.isAfter(ticket.resolvedAt.plus(config.tickets().reopenWindow()))) {
            throw Problems.conflict("status", "the ticket was resolved more than "
                    + config.tickets().reopenWindow().toDays() + " days ago and can no longer be reopened");
        }
        BusinessCalendar calendar = calendar(ticket.queue);
        ticket.status = target;
        ticket.updatedAt = now;
        switch (target) {
            case OPEN -> {
                ticket.resolvedAt = null;
                SlaRules.start(ticket, now);
            }
            case PENDING_CUSTOMER -> SlaRules.pause(ticket, calendar, now);
            case RESOLVED -> {
                SlaRules.pause(ticket, calendar, now);
                ticket.resolvedAt = now;
                ticket.slaAtRisk = false;
                outbox.record(new TicketResolved(ticket.id, ticket.channel.name(), ticket.queue, ticket.incidentId,
                        ticket.customerId, ticket.locale, ticket.country, now), now);
            }
            case CLOSED -> {
                SlaRules.pause(ticket, calendar, now);
                ticket.closedAt = now;
            }
            case NEW -> throw new IllegalStateException("No transition leads back to NEW");
        }
        SlaRules.schedule(ticket, policy(ticket.priority), calendar, config.sla().atRiskRatio());
        history(ticket, actor, "STATUS_CHANGED", from + " -> " + target, now);
    }

    /** Adds a line to the ticket's history, written with the transaction's other history lines when it commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void history(Ticket ticket, String actor, String action, String detail, Instant now) {
        historyLog.append(ticket.id, now, actor, action, detail.length() > 1000 ? detail.substring(0, 1000) : detail);
    }

    public String text(String body, UUID macroId) {
        if (macroId != null) {
            return Macro.<Macro>findByIdOptional(macroId).map(macro -> macro.body)
                    .orElseThrow(() -> Problems.invalid("macroId", "no macro " + macroId));
        }
        if (body == null || body.isBlank()) {
            throw Problems.invalid("body", "must not be blank when no macroId is given");
        }
        if (body.length() > config.tickets().maxBodyLength()) {
            throw Problems.invalid("body", "is longer than " + config.tickets().maxBodyLength() + " characters");
        }
        return body;
    }

    /** The queue (a copy: changes to it are not saved), or 400 naming {@code field} when there is none. */
    public SupportQueue queue(String code, String field) {
        return Optional.ofNullable(code).flatMap(referenceData::queue).map(ReferenceData.Queue::queue)
                .orElseThrow(() -> unknownQueue(code, field));
    }

    private static RuntimeException unknownQueue(String code, String field) {
        return Problems.invalid(field, "no queue '" + code + "'; known: "
                + SupportQueue.<SupportQueue>listAll().stream().map(q -> q.code).sorted().toList());
    }

    /** The SLA targets of {@code priority} (a copy: changes to it are not saved). */
    public SlaPolicy policy(Priority priority) {
        return referenceData.policy(priority)
                .orElseThrow(() -> new IllegalStateException("No SLA policy for " + priority));
    }

    public BusinessCalendar calendar(String queueCode) {
        return referenceData.queue(queueCode).map(ReferenceData.Queue::calendar)
                .orElseGet(() -> BusinessCalendar.of(SupportQueue.<SupportQueue>findById(queueCode)));
    }

    private TicketMessage addMessage(Ticket ticket, MessageKind kind, String author, String body, Instant now) {
        return addMessage(ticket, kind, author, body, now, null);
    }

    private TicketMessage addMessage(Ticket ticket, MessageKind kind, String author, String body, Instant now,
            String note) {
        TicketMessage message = new TicketMessage();
        message.id = UUID.randomUUID();
        message.ticketId = ticket.id;
        message.kind = kind;
        message.author = author;
        message.body = body;
        message.createdAt = now;
        entityManager.persist(message);
        ticket.updatedAt = now;
        if (kind == MessageKind.CUSTOMER_MESSAGE) {
            ticket.lastCustomerMessageAt = now;
        }
        String action = switch (kind) {
            case PUBLIC_REPLY -> "REPLIED";
            case INTERNAL_NOTE -> "NOTE_ADDED";
            case CUSTOMER_MESSAGE -> "CUSTOMER_WROTE";
        };
        history(ticket, author, action, "message=" + message.id + (note == null ? "" : " " + note), now);
        messagePosted.fire(new TicketMessagePosted(ticket.id, ticket.channel, message.id, kind, author, body, now));
        return message;
    }
}
