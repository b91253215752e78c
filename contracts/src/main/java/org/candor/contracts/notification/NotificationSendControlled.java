package org.candor.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * An incident commander's decision on an update's send to many people, for the incident's response log: the send
 * waits for a second commander's approval, was approved, paused, resumed or cancelled. No personal data: people are
 * counted, staff named by their token subject.
 *
 * @param action AWAITING_APPROVAL, APPROVED, PAUSED, RESUMED or CANCELLED
 * @param actor who decided (for AWAITING_APPROVAL the author)
 * @param requestedBy who wrote the update the send is for
 * @param requestedAt when that update was published
 * @param audienceSize the people the send is addressed to
 */
public record NotificationSendControlled(UUID messageId, UUID incidentId, UUID updateId, Integer revision,
        String messageType, String audience, long audienceSize, String action, String actor, String requestedBy,
        Instant requestedAt, Instant at) implements CandorEvent {

    public static final String TYPE = "candor.notification.send-controlled.v1";

    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    public static final String APPROVED = "APPROVED";

    @Override
    public String aggregateId() {
        return messageId.toString();
    }
}
