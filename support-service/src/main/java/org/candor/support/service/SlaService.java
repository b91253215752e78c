package org.candor.support.service;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.contracts.support.SlaAtRisk;
import org.candor.contracts.support.SlaBreached;
import org.candor.platform.outbox.Outbox;
import org.candor.support.config.SupportConfig;
import org.candor.support.domain.Ticket;

import io.quarkus.logging.Log;

/** Watches SLA clocks: raises at-risk and breach events and escalates them to supervisors. */
@ApplicationScoped
public class SlaService {

    /** Share of tickets of one queue and day that met every SLA target so far. */
    public record ReportRow(String queue, LocalDate day, long tickets, long met, double shareMet) {
    }

    private final EntityManager entityManager;
    private final TicketService tickets;
    private final Outbox outbox;
    private final Notifications notifications;
    private final SupportConfig config;
    private final Clock clock;

    SlaService(EntityManager entityManager, TicketService tickets, Outbox outbox, Notifications notifications,
            SupportConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.tickets = tickets;
        this.outbox = outbox;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Examines the tickets whose next SLA threshold has passed. Rows another replica is examining are
     * skipped, so each crossing is raised once.
     */
    @Transactional
    public int checkDue() {
        Instant now = clock.instant();
        List<Ticket> due = entityManager.createQuery(
                "select t from Ticket t where t.slaNextCheckAt <= :now order by t.slaNextCheckAt", Ticket.class)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .setMaxResults(config.sla().batchSize())
                .getResultList();
        int raised = 0;
        for (Ticket ticket : due) {
            for (SlaRules.Crossing crossing : SlaRules.evaluate(ticket, tickets.policy(ticket.priority),
                    tickets.calendar(ticket.queue), now, config.sla().atRiskRatio())) {
                raise(ticket, crossing, now);
                raised++;
            }
        }
        return raised;
    }

    /**
     * Works out the due date of running tickets that have none: those opened before due dates were stored. A batch
     * per round; rows another replica holds are skipped.
     */
    @Transactional
    public int fillMissingDueDates() {
        List<Ticket> missing = entityManager.createQuery(
                "select t from Ticket t where t.slaRunningSince is not null and t.slaDueAt is null order by t.seq",
                Ticket.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .setMaxResults(config.sla().batchSize())
                .getResultList();
        missing.forEach(ticket -> SlaRules.schedule(ticket, tickets.policy(ticket.priority),
                tickets.calendar(ticket.queue), config.sla().atRiskRatio()));
        return missing.size();
    }

    private void raise(Ticket ticket, SlaRules.Crossing crossing, Instant now) {
        String target = crossing.target().name();
        if (crossing.breach()) {
            outbox.record(new SlaBreached(ticket.id, ticket.queue, ticket.priority.name(), target, ticket.incidentId,
                    now), now);
        } else {
            outbox.record(new SlaAtRisk(ticket.id, ticket.queue, ticket.priority.name(), target, crossing.dueAt(),
                    ticket.incidentId, now), now);
        }
        String kind = crossing.breach() ? "breached" : "at-risk";
        notifications.toAddress("support:sla:" + ticket.id + ":" + target + ":" + kind + ":"
                + (ticket.awaitingReplyFrom == null ? 0 : ticket.awaitingReplyFrom), "support-sla-escalation", ticket.incidentId, config.sla().escalationEmail(),
                "en", Map.of("ticketId", ticket.id.toString(), "queue", ticket.queue, "priority",
                        ticket.priority.name(), "target", target, "state", kind,
                        "dueAt", String.valueOf(crossing.dueAt())),
                crossing.breach(), now);
        tickets.history(ticket, "system", crossing.breach() ? "SLA_BREACHED" : "SLA_AT_RISK", "target=" + target, now);
        Log.infof("SLA %s of ticket %s is %s", target, ticket.id, kind);
    }

    /** Per queue and day (UTC) of creation: tickets, how many met every target so far, and the share. */
    public List<ReportRow> report(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select queue, cast(created_at at time zone 'UTC' as date) as day, count(*) as tickets,
                       count(*) filter (where not sla_breached) as met
                from ticket
                where created_at >= :from and created_at < :to
                group by queue, day
                order by day, queue""")
                .setParameter("from", from.atStartOfDay(ZoneOffset.UTC).toInstant())
                .setParameter("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                .getResultList();
        return rows.stream().map(row -> {
            long total = ((Number) row[2]).longValue();
            long met = ((Number) row[3]).longValue();
            LocalDate day = row[1] instanceof Date date ? date.toLocalDate() : (LocalDate) row[1];
            return new ReportRow((String) row[0], day, total, met, total == 0 ? 1.0 : (double) met / total);
        }).toList();
    }
}
