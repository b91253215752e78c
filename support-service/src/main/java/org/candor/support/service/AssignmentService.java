package org.candor.support.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.support.domain.Agent;
import org.candor.support.domain.SupportQueue;
import org.candor.support.domain.Ticket;
import org.candor.support.domain.TicketStatus;
import org.hibernate.Session;

/**
 * Who works which ticket: round-robin within a queue among active agents who have the queue's skills
 * and room under their capacity. Concurrent assignments lock the chosen agent's row and skip rows
 * another transaction holds, so no agent goes over capacity and no two requests wait on each other.
 */
@ApplicationScoped
public class AssignmentService {

    /** An agent and how many active tickets they hold. */
    public record AgentLoad(Agent agent, long load) {
    }

    private final EntityManager entityManager;
    private final Clock clock;

    AssignmentService(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Assigns {@code ticket} to the next agent in turn who can take it, if any. The candidate's row is
     * locked first and its load counted again afterwards: that second count runs on a fresh snapshot
     * which sees every assignment to this agent, because each of them held the same lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> autoAssign(Ticket ticket, SupportQueue queue, Instant now) {
        List<String> tried = new ArrayList<>();
        tried.add("");
        for (int attempt = 0; attempt < 20; attempt++) {
            // The candidate query must see what this transaction changed so far (earlier assignments of a round,
            // their agents' turn), so it is flushed first, as a query through Hibernate would be.
            entityManager.flush();
            Optional<String> candidate = entityManager.unwrap(Session.class)
                    .doReturningWork(connection -> nextCandidate(connection, queue.skills, tried));
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            String agentId = candidate.get();
            Agent agent = entityManager.find(Agent.class, agentId);
            if (load(agentId) >= agent.capacity) {
                tried.add(agentId);
                continue;
            }
            agent.lastAssignedAt = now;
            ticket.assignee = agentId;
            ticket.updatedAt = now;
            return Optional.of(agentId);
        }
        return Optional.empty();
    }

    private static final String NEXT_CANDIDATE = """
            select a.id from agent a
            where a.active
              and a.skills @> string_to_array(?, ',')::text[]
              and a.id <> all(cast(? as text[]))
              and a.capacity > (select count(*) from ticket t
                                where t.assignee = a.id and t.status in ('NEW', 'OPEN', 'PENDING_CUSTOMER'))
            order by a.last_assigned_at nulls first, a.id
            limit 1
            for update of a skip locked""";

    /** The next agent in turn with the skills and room, not yet tried, its row locked; a plain statement (no entities). */
    private static Optional<String> nextCandidate(Connection connection, String[] skills, List<String> tried)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(NEXT_CANDIDATE)) {
            select.setString(1, String.join(",", skills));
            select.setArray(2, connection.createArrayOf("text", tried.toArray()));
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    /** Offers the queue's waiting, unassigned tickets, oldest first, to agents with room; returns how many were assigned. */
    @Transactional
    public int assignWaiting(String queueCode, int limit, TicketService tickets) {
        SupportQueue queue = SupportQueue.findById(queueCode);
        if (queue == null || !queue.autoAssign) {
            return 0;
        }
        Instant now = clock.instant();
        List<Ticket> waiting = entityManager.createQuery("""
                select t from Ticket t where t.assignee is null and t.status in :active and t.queue = :queue
                order by t.seq""", Ticket.class)
                .setParameter("active", List.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING_CUSTOMER))
                .setParameter("queue", queueCode)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .setMaxResults(limit)
                .getResultList();
        int assigned = 0;
        for (Ticket ticket : waiting) {
            Optional<String> agent = autoAssign(ticket, queue, now);
            if (agent.isEmpty()) {
                break;
            }
            tickets.history(ticket, "system", "ASSIGNED", "assignee=" + agent.get() + " (round-robin)", now);
            assigned++;
        }
        return assigned;
    }

    /** Assigns by hand (a supervisor's or agent's choice); capacity is the assigner's call here. */
    @Transactional
    public Ticket assign(UUID ticketId, String agentId, String actor, TicketService tickets) {
        Instant now = clock.instant();
        Ticket ticket = tickets.lock(ticketId);
        if (!ticket.status.isActive()) {
            throw Problems.conflict("status", "a " + ticket.status + " ticket cannot be assigned");
        }
        if (agentId == null) {
            ticket.assignee = null;
            tickets.history(ticket, actor, "UNASSIGNED", "", now);
            return ticket;
        }
        Agent agent = Agent.<Agent>findByIdOptional(agentId)
                .orElseThrow(() -> Problems.invalid("assignee", "no agent '" + agentId + "'"));
        if (!agent.active) {
            throw Problems.invalid("assignee", "agent '" + agentId + "' is not active");
        }
        ticket.assignee = agentId;
        ticket.updatedAt = now;
        agent.lastAssignedAt = now;
        tickets.history(ticket, actor, "ASSIGNED", "assignee=" + agentId, now);
        return ticket;
    }

    /** Creates or changes an agent. */
    @Transactional
    public Agent saveAgent(String id, int capacity, List<String> skills, boolean active) {
        Agent agent = Agent.<Agent>findByIdOptional(id).orElseGet(() -> {
            Agent created = new Agent();
            created.id = id;
            entityManager.persist(created);
            return created;
        });
        agent.capacity = capacity;
        agent.skills = skills == null ? new String[0] : skills.toArray(String[]::new);
        agent.active = active;
        return agent;
    }

    public List<AgentLoad> agents() {
        List<Agent> agents = Agent.<Agent>find("order by id").list();
        return agents.stream().map(agent -> new AgentLoad(agent, load(agent.id))).toList();
    }

    public long load(String agentId) {
        return Ticket.count("assignee = ?1 and status in ?2", agentId,
                List.of(TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING_CUSTOMER));
    }
}
