package org.candor.support.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** The periodic work: SLA checks, assigning waiting tickets, closing resolved tickets past their reopen window. */
@ApplicationScoped
public class Housekeeping {

    private final SlaService sla;
    private final AssignmentService assignment;
    private final TicketService tickets;

    Housekeeping(SlaService sla, AssignmentService assignment, TicketService tickets) {
        this.sla = sla;
        this.assignment = assignment;
        this.tickets = tickets;
    }

    @Scheduled(every = "${candor.support.sla.check-interval:15s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        try {
            sla.checkDue();
            assignment.assignWaiting(100, tickets);
            tickets.closeExpired();
        } catch (RuntimeException e) {
            Log.warnf("Housekeeping failed, retrying next round: %s", e.getMessage());
        }
    }
}
