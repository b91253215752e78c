package org.candor.notification.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.notification.NotificationSendControlled;
import org.candor.notification.domain.Message;
import org.candor.platform.outbox.Outbox;

/**
 * Commanders' decisions on an update's send (it waits for approval, approved, paused, resumed, cancelled), published
 * in the decision's transaction so that incident-service keeps each in the incident's response log with who and when.
 */
@ApplicationScoped
public class SendDecisions {

    private final Outbox outbox;

    SendDecisions(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Message message, String action, String actor, Instant at) {
        if (message.incidentId == null || Message.DIRECT.equals(message.audience)) {
            return;
        }
        outbox.record(new NotificationSendControlled(message.id, message.incidentId, message.updateId, message.revision,
                message.messageType, message.audience, message.audienceSize == null ? 0 : message.audienceSize, action,
                actor, message.requestedBy, message.publishedAt, at), at);
    }
}
