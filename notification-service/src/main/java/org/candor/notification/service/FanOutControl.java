package org.candor.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;

import org.candor.notification.domain.Message;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * An incident commander's hold on an update's fan-out: pause, resume, cancel. Each takes the message's
 * row lock, so it waits for a fan-out chunk in progress and the next chunk sees it.
 *
 * <ul>
 * <li><b>Pause:</b> no more deliveries are created, and every waiting one (QUEUED) becomes PAUSED, which no
 * worker claims. Deliveries already claimed (at most two batches per channel) are being handed over and
 * complete: a person gets a whole message or none on each channel.</li>
 * <li><b>Resume:</b> PAUSED deliveries wait again for the time they were due (quiet hours still hold) and the
 * fan-out goes on at its cursor.</li>
 * <li><b>Cancel:</b> waiting and paused deliveries become CANCELLED and are never sent, customers listed for
 * it late are taken off its list; the fan-out ends.
 * What was handed over before stays sent; nothing is recalled and nobody gets part of a message.</li>
 * </ul>
 *
 * A fan-out that has finished (everything handed over, or cancelled) cannot be paused or cancelled: 409.
 */
@ApplicationScoped
public class FanOutControl {

    public enum Action {
        PAUSE, RESUME, CANCEL
    }

    private final EntityManager entityManager;
    private final ProgressService progress;
    private final WorkSignals signals;
    private final Clock clock;
    private final SendDecisions sendDecisions;

    FanOutControl(EntityManager entityManager, ProgressService progress, WorkSignals signals, Clock clock,
            SendDecisions sendDecisions) {
        this.sendDecisions = sendDecisions;
        this.entityManager = entityManager;
        this.progress = progress;
        this.signals = signals;
        this.clock = clock;
    }

    /** Applies {@code action} for {@code actor} (the caller's token subject) and returns the message's progress. */
    public ProgressService.Progress apply(UUID messageId, Action action, String actor) {
        ProgressService.Progress result = QuarkusTransaction.requiringNew().call(() -> {
            Message message = entityManager.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE);
            if (message == null) {
                throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No message " + messageId));
            }
            if (Message.DIRECT.equals(message.audience)) {
                throw conflict("Message " + messageId + " goes to one person, not to an audience: there is no fan-out to hold");
            }
            if (message.cancelledAt != null) {
                throw conflict("The fan-out of message " + messageId + " was cancelled at " + message.cancelledAt);
            }
            Instant now = clock.instant();
            switch (action) {
                case PAUSE -> {
                    requireRunning(message);
                    if (message.pausedAt != null) {
                        throw conflict("The fan-out of message " + messageId + " is already paused");
                    }
                    message.pausedAt = now;
                    move(messageId, "'QUEUED'", "PAUSED", false);
                }
                case RESUME -> {
                    if (message.pausedAt == null) {
                        throw conflict("The fan-out of message " + messageId + " is not paused");
                    }
                    message.pausedAt = null;
                    move(messageId, "'PAUSED'", "QUEUED", false);
                }
                case CANCEL -> {
                    requireRunning(message);
                    message.pausedAt = null;
                    message.cancelledAt = now;
                    if (message.fannedOutAt == null) {
                        message.fannedOutAt = now;
                    }
                    move(messageId, "'QUEUED', 'PAUSED'", "CANCELLED", true);
                    // Customers listed for it after its walk had passed them get nothing of it either.
                    entityManager.createNativeQuery("delete from fan_out_addition where message_id = :id")
                            .setParameter("id", messageId).executeUpdate();
                }
            }
            message.controlledBy = actor;
            message.controlledAt = now;
            sendDecisions.record(message, switch (action) {
                case PAUSE -> "PAUSED";
                case RESUME -> "RESUMED";
                case CANCEL -> "CANCELLED";
            }, actor, now);
            Log.infof("Fan-out of message %s: %s by %s", messageId, action, actor);
            return progress.of(messageId).orElseThrow();
        });
        if (action == Action.RESUME) {
            signals.signal(WorkSignals.Work.FAN_OUT);
            signals.signal(WorkSignals.Work.EMAIL);
            signals.signal(WorkSignals.Work.SMS);
        }
        return result;
    }

    /** Finished: fanned out with nothing left waiting or in flight, or completed. */
    private void requireRunning(Message message) {
        if (message.completedAt != null || message.fannedOutAt != null && waiting(message.id) == 0) {
            throw conflict("The fan-out of message " + message.id + " has finished: every delivery was handed over");
        }
    }

    private long waiting(UUID messageId) {
        return ((Number) entityManager.createNativeQuery("select count(*) from delivery where message_id = :id"
                + " and status in ('QUEUED', 'IN_FLIGHT', 'PAUSED')").setParameter("id", messageId).getSingleResult())
                .longValue();
    }

    private int move(UUID messageId, String from, String to, boolean finished) {
        var update = entityManager.createNativeQuery("update delivery set status = '" + to + "'"
                + (finished ? ", finished_at = cast(:now as timestamptz)" : "") + " where message_id = :id and status in ("
                + from + ")").setParameter("id", messageId);
        if (finished) {
            update.setParameter("now", clock.instant().toString());
        }
        return update.executeUpdate();
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(Response.Status.CONFLICT, detail));
    }
}
