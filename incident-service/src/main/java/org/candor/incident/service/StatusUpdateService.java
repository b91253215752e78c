package org.candor.incident.service;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.candor.contracts.incident.StatusUpdateOverdue;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.incident.domain.Incident;
import org.candor.incident.domain.StatusUpdate;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/** Status updates, and the promise of the next one. */
@ApplicationScoped
public class StatusUpdateService {

    /** What a commander says in an update, and whether its SMS may wake people at night ({@code urgent}). */
    public record Content(StatusUpdate.Status status, StatusUpdate.Audience audience, Map<String, String> messages,
            boolean notifyPeople, Instant nextUpdateDueAt, boolean urgent) {
    }

    private final IncidentService incidents;
    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Clock clock;

    StatusUpdateService(IncidentService incidents, EntityManager entityManager, Outbox outbox, Clock clock) {
        this.incidents = incidents;
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public StatusUpdate publish(UUID incidentId, Content content, String actor) {
        Incident incident = incidents.require(incidentId);
        Instant now = Instant.now(clock);
        StatusUpdate update = new StatusUpdate();
        update.id = UUID.randomUUID();
        update.incidentId = incidentId;
        update.revision = 1;
        update.publishedAt = now;
        update.publishedBy = actor;
        apply(update, content, now);
        update.persist();
        incident.nextUpdateDueAt = content.nextUpdateDueAt();
        outbox.record(event(update, actor), now);
        return update;
    }

    /**
     * Edits an update. An edit that changes nothing is not a new revision and tells nobody; a real
     * change is published as the next revision, notifying people only if asked to; the event names
     * {@code actor} as the revision's author.
     */
    @Transactional
    public StatusUpdate edit(UUID incidentId, UUID updateId, Content content, String actor) {
        StatusUpdate update = require(incidentId, updateId);
        if (sameAs(update, content)) {
            return update;
        }
        Instant now = Instant.now(clock);
        update.revision++;
        apply(update, content, now);
        Incident incident = incidents.require(incidentId);
        if (isLatest(update)) {
            incident.nextUpdateDueAt = content.nextUpdateDueAt();
        }
        outbox.record(event(update, actor), now);
        return update;
    }

    public List<StatusUpdate> list(UUID incidentId) {
        incidents.require(incidentId);
        return StatusUpdate.list("incidentId = ?1 order by publishedAt", incidentId);
    }

    /**
     * Announces each promised update that is overdue, once: the incident row remembers which due
     * time it announced, so two replicas checking at the same moment announce it only once.
     */
    @Scheduled(every = "${candor.incident.overdue-check-interval:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @Transactional
    void announceOverdueUpdates() {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<Object[]> overdue = entityManager.createNativeQuery("""
                update incident set overdue_announced_for = next_update_due_at
                where next_update_due_at < :now and overdue_announced_for is distinct from next_update_due_at
                returning id, next_update_due_at""")
                .setParameter("now", now)
                .getResultList();
        for (Object[] row : overdue) {
            UUID incidentId = (UUID) row[0];
            Instant dueAt = toInstant(row[1]);
            outbox.record(new StatusUpdateOverdue(incidentId, dueAt, now), now);
            Log.warnf("Incident %s: the update promised for %s is overdue", incidentId, dueAt);
        }
    }

    private StatusUpdate require(UUID incidentId, UUID updateId) {
        StatusUpdate update = StatusUpdate.findById(updateId);
        if (update == null || !update.incidentId.equals(incidentId)) {
            throw new NotFoundException("No update " + updateId + " in incident " + incidentId);
        }
        return update;
    }

    private boolean isLatest(StatusUpdate update) {
        return StatusUpdate.count("incidentId = ?1 and publishedAt > ?2", update.incidentId, update.publishedAt) == 0;
    }

    private static boolean sameAs(StatusUpdate update, Content content) {
        return update.status == content.status() && update.audience == content.audience()
                && update.messages.equals(content.messages())
                && Objects.equals(update.nextUpdateDueAt, content.nextUpdateDueAt()) && update.urgent == content.urgent();
    }

    private static void apply(StatusUpdate update, Content content, Instant now) {
        update.status = content.status();
        update.audience = content.audience();
        update.messages = new LinkedHashMap<>(content.messages());
        update.notify = content.notifyPeople();
        update.nextUpdateDueAt = content.nextUpdateDueAt();
        update.urgent = content.urgent();
        update.updatedAt = now;
    }

    /** The revision as notification-service sees it; {@code author} wrote it, and may not approve its own big send. */
    private static StatusUpdatePublished event(StatusUpdate update, String author) {
        return new StatusUpdatePublished(update.incidentId, update.id, update.revision, update.status.name(),
                update.audience.name(), Map.copyOf(update.messages), update.notify, update.updatedAt,
                update.nextUpdateDueAt, update.urgent, author);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
