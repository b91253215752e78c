package org.candor.compliance.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.candor.compliance.config.ComplianceConfig;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.domain.ObligationStatus;
import org.candor.compliance.domain.OrganisationProfile;
import org.candor.contracts.compliance.ObligationOverdue;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Reminds the data-protection officer and the compliance officers before each deadline, and marks a
 * deadline that passed without a filing as OVERDUE with an escalation. Each reminder and each overdue
 * notice is claimed in {@code reminder_sent} in the transaction that writes its outgoing events, so it
 * goes out exactly once however many replicas run and however often they restart.
 */
@ApplicationScoped
public class ReminderService {

    public static final String REMINDER = "compliance-deadline-reminder";
    public static final String ESCALATION = "compliance-deadline-overdue";
    static final String OVERDUE = "OVERDUE";

    private final ComplianceConfig config;
    private final ObligationService obligations;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final AuditLog audit;

    ReminderService(ComplianceConfig config, ObligationService obligations, Outbox outbox, EntityManager entityManager,
            AuditLog audit) {
        this.config = config;
        this.obligations = obligations;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.audit = audit;
    }

    @Scheduled(every = "{candor.compliance.reminders.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (config.reminders().enabled()) {
            dispatch(Instant.now());
        }
    }

    /** Sends what is due at {@code now}; returns how many reminders and overdue notices this call sent. */
    public int dispatch(Instant now) {
        Duration earliest = config.reminders().offsets().stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        List<UUID> candidates = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("select o.id from Obligation o where o.status = :open and o.dueAt is not null"
                        + " and o.dueAt <= :horizon order by o.dueAt", UUID.class)
                .setParameter("open", ObligationStatus.OPEN)
                .setParameter("horizon", now.plus(earliest))
                .getResultList());
        int sent = 0;
        for (UUID id : candidates) {
            try {
                sent += QuarkusTransaction.requiringNew().call(() -> dispatchOne(id, now));
            } catch (RuntimeException e) {
                Log.errorf(e, "Reminder for obligation %s failed; it is retried on the next run", id);
            }
        }
        return sent;
    }

    private int dispatchOne(UUID id, Instant now) {
        Obligation obligation = Obligation.findById(id);
        OrganisationProfile profile = OrganisationProfile.current().orElse(null);
        if (obligation == null || obligation.status != ObligationStatus.OPEN || obligation.dueAt == null
                || profile == null) {
            return 0;
        }
        if (!now.isBefore(obligation.dueAt)) {
            // A filing committing meanwhile would be overwritten by OVERDUE: wait for any change in flight
            // (they all hold the audit chain's lock) and look again. Taking that lock before the row's, as a
            // filing does, also keeps the two from deadlocking.
            audit.lockChain();
            entityManager.refresh(obligation);
            if (obligation.status != ObligationStatus.OPEN || !claim(obligation, OVERDUE, now)) {
                return 0;
            }
            obligation.status = ObligationStatus.OVERDUE;
            obligation.updatedAt = now;
            obligations.changed(obligation, ObligationService.SYSTEM, "obligation.overdue", Map.of(), now);
            outbox.record(new ObligationOverdue(obligation.id, obligation.incidentId, obligation.regime,
                    obligation.recipient, obligation.dueAt, now), now);
            notify(obligation, profile, ESCALATION, OVERDUE, true, now);
            Log.infof("Obligation %s (%s) is overdue", obligation.id, obligation.regime);
            return 1;
        }
        Duration left = Duration.between(now, obligation.dueAt);
        // Only the closest offset that has been reached: after a pause, one reminder rather than a burst.
        Duration offset = config.reminders().offsets().stream().filter(o -> left.compareTo(o) <= 0)
                .min(Comparator.naturalOrder()).orElse(null);
        if (offset == null) {
            return 0;
        }
        String kind = offset.toString();
        if (!claim(obligation, kind, now)) {
            return 0;
        }
        notify(obligation, profile, REMINDER, kind, offset.compareTo(Duration.ofHours(4)) <= 0, now);
        return 1;
    }

    /** True for the one transaction that records this (obligation, kind, due time); false for everyone else. */
    private boolean claim(Obligation obligation, String kind, Instant now) {
        return entityManager.createNativeQuery("insert into reminder_sent (obligation_id, kind, due_at, sent_at)"
                + " values (:id, :kind, :due, :now) on conflict do nothing")
                .setParameter("id", obligation.id)
                .setParameter("kind", kind)
                .setParameter("due", obligation.dueAt)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    private void notify(Obligation obligation, OrganisationProfile profile, String messageType, String kind,
            boolean urgent, Instant now) {
        List<String> recipients = new ArrayList<>();
        recipients.add(profile.dpoEmail);
        profile.officerEmails.stream().filter(email -> !recipients.contains(email)).forEach(recipients::add);
        Map<String, String> parameters = new HashMap<>();
        parameters.put("obligationId", obligation.id.toString());
        parameters.put("regime", obligation.regime);
        parameters.put("recipient", obligation.recipient);
        parameters.put("dueAt", obligation.dueAt.toString());
        parameters.put("dueAtLocal", obligation.dueAt.atZone(java.time.ZoneId.of(obligation.timezone))
                .toOffsetDateTime().toString());
        parameters.put("timezone", obligation.timezone);
        parameters.put("reminder", kind);
        parameters.put("citation", obligation.citation);
        parameters.put("organisation", profile.legalName);
        for (int i = 0; i < recipients.size(); i++) {
            String key = "compliance:" + obligation.id + ":" + kind + ":" + obligation.dueAt.getEpochSecond() + ":" + i;
            outbox.record(new NotificationRequested(UUID.randomUUID(), key, ObligationService.SYSTEM, messageType,
                    obligation.incidentId, new NotificationRequested.Recipient(null, recipients.get(i), null, profile.locale),
                    parameters, true, urgent), now);
        }
    }
}
