package org.candor.incident.service.publicstatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.candor.contracts.incident.DataCategory;

/**
 * An incident as the public sees it, in one language. Never carries internal detail: no action
 * log, no assessment, no customer data.
 *
 * @param status the latest public status (INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED)
 * @param active whether the incident is still being handled
 * @param updates the public updates, newest first
 */
public record PublicIncident(UUID id, String title, String summary, String status, boolean active,
        List<DataCategory> dataCategories, Instant detectedAt, Instant lastUpdatedAt, List<PublicUpdate> updates) {

    /** One public update in the page's language. */
    public record PublicUpdate(UUID id, String status, String message, Instant publishedAt, Instant updatedAt,
            int revision) {
    }
}
