package org.candor.support.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.support.domain.Macro;
import org.candor.support.domain.MessageKind;
import org.candor.support.domain.SupportProblem;
import org.candor.support.domain.Ticket;
import org.candor.support.domain.TicketStatus;

/** Canned answers (an incident's FAQ per locale) and problems whose tickets are answered together. */
@ApplicationScoped
public class MacroService {

    /** What a bulk action did: tickets answered or resolved, and tickets skipped because they were done. */
    public record BulkResult(List<UUID> applied, List<UUID> skipped) {
    }

    private final TicketService tickets;
    private final KnownIncidentService incidents;
    private final Clock clock;

    MacroService(TicketService tickets, KnownIncidentService incidents, Clock clock) {
        this.tickets = tickets;
        this.incidents = incidents;
        this.clock = clock;
    }

    @Transactional
    public Macro save(UUID id, UUID incidentId, String key, String locale, String title, String body, String actor) {
        if (incidentId != null && incidents.find(incidentId).isEmpty()) {
            throw Problems.invalid("incidentId", "no incident " + incidentId + " is known to support");
        }
        Macro macro = id == null ? null : Macro.<Macro>findByIdOptional(id)
                .orElseThrow(() -> Problems.notFound("No macro " + id));
        if (macro == null) {
            macro = new Macro();
            macro.id = UUID.randomUUID();
        }
        long clashes = Macro.count("key = ?1 and locale = ?2 and id <> ?3 and "
                + (incidentId == null ? "incidentId is null" : "incidentId = ?4"),
                incidentId == null ? new Object[] {key, locale, macro.id} : new Object[] {key, locale, macro.id, incidentId});
        if (clashes > 0) {
            throw Problems.conflict("key", "a macro '" + key + "' in locale " + locale + " exists already here");
        }
        macro.incidentId = incidentId;
        macro.key = key;
        macro.locale = locale;
        macro.title = title;
        macro.body = body;
        macro.updatedBy = actor;
        macro.updatedAt = clock.instant();
        macro.persist();
        return macro;
    }

    @Transactional
    public void delete(UUID id) {
        if (!Macro.deleteById(id)) {
            throw Problems.notFound("No macro " + id);
        }
    }

    /** Macros for an incident (and the general ones), optionally in one locale. */
    public List<Macro> find(UUID incidentId, String locale) {
        StringBuilder query = new StringBuilder("1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (incidentId != null) {
            parameters.add(incidentId);
            query.append(" and (incidentId = ?").append(parameters.size()).append(" or incidentId is null)");
        }
        if (locale != null) {
            parameters.add(locale);
            query.append(" and locale = ?").append(parameters.size());
        }
        return Macro.<Macro>find(query + " order by title", parameters.toArray()).list();
    }

    public Macro get(UUID id) {
        return Macro.<Macro>findByIdOptional(id).orElseThrow(() -> Problems.notFound("No macro " + id));
    }

    @Transactional
    public SupportProblem createProblem(UUID incidentId, String title) {
        if (incidents.find(incidentId).isEmpty()) {
            throw Problems.invalid("incidentId", "no incident " + incidentId + " is known to support");
        }
        SupportProblem problem = new SupportProblem();
        problem.id = UUID.randomUUID();
        problem.incidentId = incidentId;
        problem.title = title;
        problem.createdAt = clock.instant();
        problem.persist();
        return problem;
    }

    public SupportProblem problem(UUID id) {
        return SupportProblem.<SupportProblem>findByIdOptional(id).orElseThrow(() -> Problems.notFound("No problem " + id));
    }

    @Transactional
    public Ticket link(UUID problemId, UUID ticketId, String actor) {
        SupportProblem problem = problem(problemId);
        Ticket ticket = tickets.lock(ticketId);
        ticket.problemId = problem.id;
        if (ticket.incidentId == null) {
            ticket.incidentId = problem.incidentId;
        }
        ticket.updatedAt = clock.instant();
        tickets.history(ticket, actor, "LINKED_TO_PROBLEM", "problem=" + problem.id, ticket.updatedAt);
        return ticket;
    }

    /**
     * Sends the macro {@code key} as a public reply, in each ticket's locale, to every open ticket of
     * the problem and, when asked, resolves them; all or nothing.
     */
    @Transactional
    public BulkResult bulk(UUID problemId, String key, boolean resolve, String actor) {
        SupportProblem problem = problem(problemId);
        if (Macro.count("key", key) == 0) {
            throw Problems.invalid("macroKey", "no macro '" + key + "'");
        }
        Instant now = clock.instant();
        List<Ticket> linked = Ticket.<Ticket>find("problemId = ?1 order by seq", problemId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
        List<UUID> applied = new ArrayList<>();
        List<UUID> skipped = new ArrayList<>();
        for (Ticket ticket : linked) {
            if (!ticket.status.isActive()) {
                skipped.add(ticket.id);
                continue;
            }
            Macro macro = forTicket(problem.incidentId, key, ticket.locale);
            tickets.answer(ticket, MessageKind.PUBLIC_REPLY, macro.body, actor, now, "macro=" + macro.id + " (bulk)");
            if (resolve) {
                tickets.move(ticket, TicketStatus.RESOLVED, actor, now);
            }
            applied.add(ticket.id);
        }
        return new BulkResult(applied, skipped);
    }

    /** The incident's own macro in the ticket's locale, else the general one, else English. */
    private Macro forTicket(UUID incidentId, String key, String locale) {
        for (String candidate : List.of(locale, "en")) {
            Macro specific = Macro.<Macro>find("incidentId = ?1 and key = ?2 and locale = ?3", incidentId, key, candidate)
                    .firstResult();
            if (specific != null) {
                return specific;
            }
            Macro general = Macro.<Macro>find("incidentId is null and key = ?1 and locale = ?2", key, candidate)
                    .firstResult();
            if (general != null) {
                return general;
            }
        }
        throw Problems.invalid("macroKey", "macro '" + key + "' exists neither in " + locale + " nor in en");
    }
}
