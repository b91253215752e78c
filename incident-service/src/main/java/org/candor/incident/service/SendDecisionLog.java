package org.candor.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.notification.NotificationSendControlled;
import org.candor.incident.domain.Incident;
import org.candor.incident.domain.ResponseAction;

import io.quarkus.logging.Log;

/**
 * Writes commanders' decisions on an update's send into the incident's response log, as COMMUNICATION entries by the
 * commander who decided, at the time they decided: who wrote the update and when, who approved it, paused, resumed or
 * cancelled it.
 */
@ApplicationScoped
public class SendDecisionLog {

    private final Clock clock;

    SendDecisionLog(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(NotificationSendControlled decision) {
        if (decision.incidentId() == null || Incident.findById(decision.incidentId()) == null) {
            Log.warnf("A send decision on message %s names no incident known here; not logged", decision.messageId());
            return;
        }
        ResponseAction entry = new ResponseAction();
        entry.id = UUID.randomUUID();
        entry.incidentId = decision.incidentId();
        entry.kind = ResponseAction.Kind.COMMUNICATION;
        entry.description = describe(decision);
        entry.occurredAt = decision.at();
        entry.recordedAt = Instant.now(clock);
        entry.actor = decision.actor();
        entry.persist();
    }

    static String describe(NotificationSendControlled decision) {
        String send = "The send of update " + decision.updateId()
                + (decision.revision() == null ? "" : " (revision " + decision.revision() + ")") + " to "
                + String.format(Locale.ROOT, "%,d", decision.audienceSize()) + " people ("
                + decision.audience().toLowerCase(Locale.ROOT) + ", " + decision.messageType() + ")";
        String written = "written by " + decision.requestedBy()
                + (decision.requestedAt() == null ? "" : " and published at " + decision.requestedAt());
        return switch (decision.action()) {
            case NotificationSendControlled.AWAITING_APPROVAL -> send + ", " + written
                    + ", waits for a second incident commander's approval";
            case NotificationSendControlled.APPROVED -> send + ", " + written + ", was approved by " + decision.actor()
                    + " at " + decision.at();
            default -> send + " was " + decision.action().toLowerCase(Locale.ROOT) + " by " + decision.actor() + " at "
                    + decision.at();
        };
    }
}
