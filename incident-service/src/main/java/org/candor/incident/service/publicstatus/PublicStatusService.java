package org.candor.incident.service.publicstatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.incident.domain.Incident;
import org.candor.incident.domain.Phase;
import org.candor.incident.domain.StatusUpdate;

/**
 * What the status page, the feed and the public API show: incidents the organisation has spoken
 * about publicly (at least one PUBLIC update), active ones first, closed ones for a while after, each with the latest
 * signed checkpoint of the organisation's compliance record.
 */
@ApplicationScoped
public class PublicStatusService {

    /** How long a resolved incident stays on the page. */
    static final Duration RECENT = Duration.ofDays(90);

    private final Clock clock;
    private final RecordCheckpoints checkpoints;

    PublicStatusService(Clock clock, RecordCheckpoints checkpoints) {
        this.clock = clock;
        this.checkpoints = checkpoints;
    }

    public List<PublicIncident> incidents(String locale) {
        Instant since = Instant.now(clock).minus(RECENT);
        List<StatusUpdate> updates = StatusUpdate.list(
                "audience = ?1 and updatedAt >= ?2 order by publishedAt desc", StatusUpdate.Audience.PUBLIC, since);
        Map<UUID, List<StatusUpdate>> byIncident = updates.stream()
                .collect(Collectors.groupingBy(update -> update.incidentId));
        if (byIncident.isEmpty()) {
            return List.of();
        }
        List<Incident> incidents = Incident.list("id in ?1", byIncident.keySet());
        PublicIncident.RecordCheckpoint checkpoint = checkpoints.latest().orElse(null);
        return incidents.stream()
                .map(incident -> toPublic(incident, byIncident.get(incident.id), locale, checkpoint))
                .sorted(Comparator.comparing(PublicIncident::active).reversed()
                        .thenComparing(PublicIncident::lastUpdatedAt, Comparator.reverseOrder()))
                .toList();
    }

    private static PublicIncident toPublic(Incident incident, List<StatusUpdate> updates, String locale,
            PublicIncident.RecordCheckpoint checkpoint) {
        List<PublicIncident.PublicUpdate> timeline = updates.stream()
                .sorted(Comparator.comparing((StatusUpdate update) -> update.publishedAt).reversed())
                .map(update -> new PublicIncident.PublicUpdate(update.id, update.status.name(),
                        localized(update.messages, locale), update.publishedAt, update.updatedAt, update.revision))
                .toList();
        String status = timeline.get(0).status();
        boolean active = incident.phase != Phase.CLOSED && !"RESOLVED".equals(status);
        Instant lastUpdated = updates.stream().map(update -> update.updatedAt).max(Comparator.naturalOrder()).orElseThrow();
        return new PublicIncident(incident.id, incident.title, localized(incident.summaries, locale), status, active,
                List.copyOf(incident.dataCategories), incident.detectedAt, lastUpdated, timeline, checkpoint);
    }

    /** The text in {@code locale}, else its language, else English, else any. */
    static String localized(Map<String, String> texts, String locale) {
        if (texts.containsKey(locale)) {
            return texts.get(locale);
        }
        String language = locale.split("-")[0];
        if (texts.containsKey(language)) {
            return texts.get(language);
        }
        return texts.getOrDefault("en", texts.values().stream().findFirst().orElse(""));
    }
}
