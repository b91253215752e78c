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
 * @param recordCheckpoint the latest signed checkpoint of the organisation's compliance record (the same for every
 *        incident), or null before compliance-service has published one
 */
public record PublicIncident(UUID id, String title, String summary, String status, boolean active,
        List<DataCategory> dataCategories, Instant detectedAt, Instant lastUpdatedAt, List<PublicUpdate> updates,
        RecordCheckpoint recordCheckpoint) {

    /**
     * The head hash of compliance-service's audit chain and when it was signed (ISO-8601 UTC, exactly as signed),
     * how many entries the record then held, and the line the page shows: {@code record checkpoint: <hash>, <time>}.
     */
    public record RecordCheckpoint(String headHash, Instant checkpointedAt, long entries, String line) {

        public static RecordCheckpoint of(String headHash, Instant checkpointedAt, long entries) {
            return new RecordCheckpoint(headHash, checkpointedAt, entries,
                    "record checkpoint: " + headHash + ", " + checkpointedAt);
        }
    }

    /** One public update in the page's language. */
    public record PublicUpdate(UUID id, String status, String message, Instant publishedAt, Instant updatedAt,
            int revision) {
    }
}
