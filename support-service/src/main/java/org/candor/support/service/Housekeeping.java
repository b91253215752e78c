package org.candor.support.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** The periodic work: SLA checks, due dates of tickets from before they were stored, assigning waiting tickets, closing resolved tickets past their reopen window. */
@ApplicationScoped
public class Housekeeping {

    private final SlaService sla;
    private final AssignmentService assignment;
    private final TicketService tickets;
    private final QueueService queues;

    Housekeeping(SlaService sla, AssignmentService assignment, TicketService tickets, QueueService queues) {
        this.queues = queues;
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
            sla.fillMissingDueDates();
            queues.queues().stream().filter(queue -> queue.autoAssign)
                    .forEach(queue -> assignment.assignWaiting(queue.code, 100, tickets));
            tickets.closeExpired();
        } catch (RuntimeException e) {
            Log.warnf("Housekeeping failed, retrying next round: %s", e.getMessage());
        }
    }
}
