package org.candor.support.service;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.support.config.SupportConfig;
import org.candor.support.domain.Channel;
import org.candor.support.domain.Priority;
import org.candor.support.domain.Ticket;

import io.quarkus.logging.Log;

/** A dissatisfied customer asked to be contacted: a HIGH-priority hotline ticket for a callback. */
@ApplicationScoped
public class CallbackService {

    private final TicketService tickets;
    private final KnownIncidentService incidents;
    private final SupportConfig config;

    CallbackService(TicketService tickets, KnownIncidentService incidents, SupportConfig config) {
        this.tickets = tickets;
        this.incidents = incidents;
        this.config = config;
    }

    /**
     * Opens the callback ticket, or returns the one this follow-up opened before: the inbox drops a
     * redelivered event, and the origin catches the same follow-up published again under a new event id.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket open(FollowUpRequested request) {
        String origin = "follow-up:" + request.followUpId();
        Optional<Ticket> earlier = Ticket.find("origin", origin).firstResultOptional();
        if (earlier.isPresent()) {
            Log.infof("Follow-up %s already has ticket %s", request.followUpId(), earlier.get().id);
            return earlier.get();
        }
        UUID incidentId = request.incidentId() != null && incidents.find(request.incidentId()).isPresent()
                ? request.incidentId() : null;
        Ticket ticket = tickets.open(new TicketService.NewTicket(Channel.HOTLINE, Priority.HIGH, config.tickets().callbackQueue(),
                "Callback requested after survey (" + request.scoreKind() + " " + request.score() + ")",
                request.customerId(), request.locale(), null, incidentId,
                "Follow-up " + request.followUpId() + " of survey " + request.surveyId()), "feedback-service");
        ticket.origin = origin;
        return ticket;
    }
}
