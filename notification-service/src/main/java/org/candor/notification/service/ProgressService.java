package org.candor.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.candor.contracts.notification.NotificationCompleted;
import org.candor.contracts.notification.NotificationProgressReported;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Message;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Progress per message, counted from the deliveries: {@code sent} is everything a provider accepted
 * (SENT, DELIVERED, BOUNCED), {@code pending} what waits (QUEUED, IN_FLIGHT, PAUSED), {@code cancelled}
 * what a cancellation stopped (not part of {@code total}). While a status update's
 * message is being delivered a progress event is published when the counts change; once it is
 * fanned out and nothing is pending, one completion event.
 */
@ApplicationScoped
public class ProgressService {

    /**
     * The counts of one message and where it stands: {@code state} is AWAITING_APPROVAL (nothing sent until a
     * second incident commander approves), SENDING, PAUSED, CANCELLED or COMPLETED; {@code requestedBy} is its
     * author, {@code approvedBy}/{@code approvedAt} who approved a big send and when.
     */
    public record Progress(UUID messageId, String messageType, UUID incidentId, UUID updateId, Integer revision,
            String audience, long total, long sent, long delivered, long failed, long bounced, long pending,
            boolean fannedOut, Instant createdAt, Instant completedAt, long cancelled, Instant pausedAt,
            Instant cancelledAt, String controlledBy, String state, Long audienceSize, boolean approvalRequired,
            String requestedBy, String approvedBy, Instant approvedAt, UUID corrects, UUID testOf) {
    }

    /** Where a message stands, for people. */
    public static String state(Message message) {
        if (message.cancelledAt != null) {
            return "CANCELLED";
        }
        if (message.awaitingApproval()) {
            return "AWAITING_APPROVAL";
        }
        if (message.pausedAt != null) {
            return "PAUSED";
        }
        return message.completedAt != null ? "COMPLETED" : "SENDING";
    }

    private static final String COUNTS = "select count(*) filter (where status <> 'CANCELLED'),"
            + " count(*) filter (where status in ('SENT', 'DELIVERED', 'BOUNCED')),"
            + " count(*) filter (where status = 'DELIVERED'), count(*) filter (where status = 'FAILED'),"
            + " count(*) filter (where status = 'BOUNCED'), count(*) filter (where status in ('QUEUED', 'IN_FLIGHT', 'PAUSED')),"
            + " count(*) filter (where status = 'CANCELLED') from delivery where message_id = :id";

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Clock clock;

    ProgressService(EntityManager entityManager, Outbox outbox, Clock clock, NotificationConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.clock = clock;
    }

    public Optional<Progress> of(UUID messageId) {
        return QuarkusTransaction.joiningExisting().call(() -> Optional.ofNullable(
                entityManager.find(Message.class, messageId)).map(this::count));
    }

    public List<Progress> ofIncident(UUID incidentId, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> entityManager
                .createQuery("from Message where incidentId = :incident order by createdAt desc", Message.class)
                .setParameter("incident", incidentId).setMaxResults(limit).getResultList()
                .stream().map(this::count).toList());
    }

    @Scheduled(every = "${candor.notification.progress-interval:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        report();
    }

    /** Publishes progress or completion for every update message still being delivered; returns how many. */
    public int report() {
        List<UUID> open = QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                "select id from Message where completedAt is null and audience <> 'DIRECT'"
                        // Nothing happens to a big send before its approval: nothing to report.
                        + " and not (approvalRequired = true and approvedAt is null and cancelledAt is null)"
                        + " order by createdAt", UUID.class)
                .getResultList());
        int reported = 0;
        for (UUID id : open) {
            try {
                reported += QuarkusTransaction.requiringNew().call(() -> reportOne(id));
            } catch (RuntimeException e) {
                Log.errorf(e, "Progress of message %s could not be reported", id);
            }
        }
        return reported;
    }

    private int reportOne(UUID id) {
        Message message = entityManager.find(Message.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (message == null || message.completedAt != null) {
            return 0;
        }
        Progress progress = count(message);
        Instant now = clock.instant();
        keepCounts(progress);
        if (progress.fannedOut() && progress.pending() == 0) {
            Object[] people = (Object[]) entityManager.createNativeQuery("select count(distinct recipient_id),"
                    + " count(distinct recipient_id) filter (where status in ('SENT', 'DELIVERED', 'BOUNCED'))"
                    + " from delivery where message_id = :id").setParameter("id", id).getSingleResult();
            message.completedAt = now;
            outbox.record(new NotificationCompleted(id, message.incidentId, message.updateId, message.revision,
                    message.messageType, message.audience, progress.total(), progress.sent(), progress.delivered(),
                    progress.failed(), progress.bounced(), ((Number) people[0]).longValue(),
                    ((Number) people[1]).longValue(), message.createdAt, now), now);
            Log.infof("Message %s completed: %d deliveries, %d sent, %d failed", id, progress.total(), progress.sent(),
                    progress.failed());
            return 1;
        }
        String counts = progress.total() + "/" + progress.sent() + "/" + progress.delivered() + "/" + progress.failed()
                + "/" + progress.bounced() + "/" + progress.pending();
        if (counts.equals(message.reported)) {
            return 0;
        }
        message.reported = counts;
        outbox.record(new NotificationProgressReported(id, message.incidentId, message.updateId, message.revision,
                message.messageType, message.audience, progress.total(), progress.sent(), progress.delivered(),
                progress.failed(), progress.bounced(), progress.pending(), now), now);
        return 1;
    }

    /** Keeps the counts on the message row, where an incident's summary adds them up. */
    private void keepCounts(Progress progress) {
        entityManager.createNativeQuery("update message set total_count = :total, sent_count = :sent,"
                + " delivered_count = :delivered, failed_count = :failed, bounced_count = :bounced,"
                + " pending_count = :pending where id = :id")
                .setParameter("total", progress.total()).setParameter("sent", progress.sent())
                .setParameter("delivered", progress.delivered()).setParameter("failed", progress.failed())
                .setParameter("bounced", progress.bounced()).setParameter("pending", progress.pending())
                .setParameter("id", progress.messageId())
                .executeUpdate();
    }

    /**
     * The incident's update messages added up from their kept counts: as fresh as the last progress
     * report (one progress interval) plus every receipt since, and cheap however many deliveries there are.
     */
    public IncidentSummary summaryOf(UUID incidentId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            Object[] row = (Object[]) entityManager.createNativeQuery("select count(*), coalesce(sum(total_count), 0),"
                    + " coalesce(sum(sent_count), 0), coalesce(sum(delivered_count), 0), coalesce(sum(failed_count), 0),"
                    + " coalesce(sum(bounced_count), 0), coalesce(sum(pending_count), 0), max(completed_at)"
                    + " from message where incident_id = :incident and audience <> 'DIRECT'")
                    .setParameter("incident", incidentId).getSingleResult();
            return new IncidentSummary(incidentId, n(row[0]), n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]),
                    n(row[6]), instant(row[7]));
        });
    }

    /** What incident-service's overview shows of the messages about one incident. */
    public record IncidentSummary(UUID incidentId, long messages, long total, long sent, long delivered, long failed,
            long bounced, long pending, Instant lastCompletedAt) {
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private Progress count(Message message) {
        Object[] row = (Object[]) entityManager.createNativeQuery(COUNTS).setParameter("id", message.id).getSingleResult();
        return new Progress(message.id, message.messageType, message.incidentId, message.updateId, message.revision,
                message.audience, n(row[0]), n(row[1]), n(row[2]), n(row[3]), n(row[4]), n(row[5]),
                message.fannedOutAt != null, message.createdAt, message.completedAt, n(row[6]), message.pausedAt,
                message.cancelledAt, message.controlledBy, state(message), message.audienceSize,
                message.approvalRequired, message.requestedBy, message.approvedBy, message.approvedAt, message.corrects,
                message.testOf);
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
