package org.candor.support.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.support.config.SupportConfig;
import org.candor.support.domain.Channel;
import org.candor.support.domain.Priority;
import org.candor.support.domain.Ticket;

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

    @Transactional(Transactional.TxType.MANDATORY)
    public Ticket open(FollowUpRequested request) {
        UUID incidentId = request.incidentId() != null && incidents.find(request.incidentId()).isPresent()
                ? request.incidentId() : null;
        return tickets.open(new TicketService.NewTicket(Channel.HOTLINE, Priority.HIGH, config.tickets().callbackQueue(),
                "Callback requested after survey (" + request.scoreKind() + " " + request.score() + ")",
                request.customerId(), request.locale(), null, incidentId,
                "Follow-up " + request.followUpId() + " of survey " + request.surveyId()), "feedback-service");
    }
}
