package org.candor.contracts.incident;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A public status update was published (or changed in substance).
 *
 * @param status INVESTIGATING, IDENTIFIED, MONITORING or RESOLVED
 * @param audience PUBLIC (status page and subscribers) or AFFECTED (only the affected customers)
 * @param messages the message per locale
 * @param notifyPeople whether people should be told now
 * @param nextUpdateDueAt when the next update was promised, if it was
 * @param urgent whether its SMS go out at once, also in the recipients' quiet hours; absent in events
 *        written before the field existed, which read as false
 * @param publishedBy who wrote this revision (the incident commander's token subject); null in events
 *        written before the field existed
 */
public record StatusUpdatePublished(UUID incidentId, UUID updateId, int revision, String status, String audience,
        Map<String, String> messages, boolean notifyPeople, Instant publishedAt, Instant nextUpdateDueAt,
        boolean urgent, String publishedBy) implements CandorEvent {

    public static final String TYPE = "candor.incident.update-published.v1";

    /** An update whose author is not named. */
    public StatusUpdatePublished(UUID incidentId, UUID updateId, int revision, String status, String audience,
            Map<String, String> messages, boolean notifyPeople, Instant publishedAt, Instant nextUpdateDueAt,
            boolean urgent) {
        this(incidentId, updateId, revision, status, audience, messages, notifyPeople, publishedAt, nextUpdateDueAt,
                urgent, null);
    }

    /** An update that is not urgent. */
    public StatusUpdatePublished(UUID incidentId, UUID updateId, int revision, String status, String audience,
            Map<String, String> messages, boolean notifyPeople, Instant publishedAt, Instant nextUpdateDueAt) {
        this(incidentId, updateId, revision, status, audience, messages, notifyPeople, publishedAt, nextUpdateDueAt,
                false);
    }

    @Override
    public String aggregateId() {
        return incidentId.toString();
    }
}
