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
    /** A reminder of an obligation without a fixed due time, claimed per slot of the cadence. */
    static final String UNDATED = "UNDATED";
    /** The one escalation of an obligation without a fixed due time, claimed at the escalation time. */
    static final String ESCALATED = "ESCALATED";

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
                .createQuery("select o.id from Obligation o where o.status = :open and ((o.dueAt is not null"
                        + " and o.dueAt <= :horizon) or (o.dueAt is null and o.asap = true and o.triggerAt <= :now))"
                        + " order by o.dueAt nulls first", UUID.class)
                .setParameter("now", now)
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
        if (obligation == null || obligation.status != ObligationStatus.OPEN || profile == null) {
            return 0;
        }
        if (obligation.dueAt == null) {
            return obligation.asap ? remindUndated(obligation, profile, now) : 0;
        }
        if (!now.isBefore(obligation.dueAt)) {
            // A filing committing meanwhile would be overwritten by OVERDUE: wait for any change in flight
            // (they all hold the audit chain's lock) and look again. Taking that lock before the row's, as a
            // filing does, also keeps the two from deadlocking.
            audit.lockChain();
            entityManager.refresh(obligation);
            if (obligation.status != ObligationStatus.OPEN || !claim(obligation, OVERDUE, obligation.dueAt, now)) {
                return 0;
            }
            obligation.status = ObligationStatus.OVERDUE;
            obligation.updatedAt = now;
            obligations.changed(obligation, ObligationService.SYSTEM, "obligation.overdue", Map.of(), now);
            outbox.record(new ObligationOverdue(obligation.id, obligation.incidentId, obligation.regime,
                    obligation.recipient, obligation.dueAt, now), now);
            notify(obligation, profile, ESCALATION, OVERDUE, obligation.dueAt, List.of(), true, now);
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
        if (claimed(obligation, kind, obligation.dueAt) || !lockedAndOpen(obligation)
                || !claim(obligation, kind, obligation.dueAt, now)) {
            return 0;
        }
        notify(obligation, profile, REMINDER, kind, obligation.dueAt, List.of(), offset.compareTo(Duration.ofHours(4)) <= 0,
                now);
        return 1;
    }

    /**
     * An obligation due "without undue delay" is reminded at every slot of the cadence from its trigger on
     * (only the latest slot reached, after a pause), escalated once when the escalation time is reached, and
     * reminded with the escalation contacts told as well from then on. Each slot is claimed once, like a reminder.
     */
    private int remindUndated(Obligation obligation, OrganisationProfile profile, Instant now) {
        ComplianceConfig.Undated undated = config.reminders().undated();
        Duration elapsed = Duration.between(obligation.triggerAt, now);
        if (elapsed.isNegative()) {
            return 0;
        }
        List<String> escalateTo = undated.escalateTo().orElse(List.of());
        Instant escalationAt = obligation.triggerAt.plus(undated.escalateAfter());
        boolean escalated = !now.isBefore(escalationAt);
        if (escalated && !claimed(obligation, ESCALATED, escalationAt)) {
            if (!lockedAndOpen(obligation) || !claim(obligation, ESCALATED, escalationAt, now)) {
                return 0;
            }
            notify(obligation, profile, ESCALATION, ESCALATED, escalationAt, escalateTo, true, now);
            Log.infof("Obligation %s (%s), due without undue delay, is still open after %s: escalated", obligation.id,
                    obligation.regime, undated.escalateAfter());
            return 1;
        }
        long every = Math.max(1, undated.every().toSeconds());
        Instant slot = obligation.triggerAt.plusSeconds(elapsed.toSeconds() / every * every);
        if (escalated && !slot.isAfter(escalationAt)) {
            // The escalation was this slot's message.
            return 0;
        }
        if (claimed(obligation, UNDATED, slot) || !lockedAndOpen(obligation) || !claim(obligation, UNDATED, slot, now)) {
            return 0;
        }
        notify(obligation, profile, REMINDER, UNDATED, slot, escalated ? escalateTo : List.of(), escalated, now);
        return 1;
    }

    /** Whether the slot is already claimed: a cheap look before taking the chain's lock. */
    private boolean claimed(Obligation obligation, String kind, Instant slot) {
        return ((Number) entityManager.createNativeQuery("select count(*) from reminder_sent"
                + " where obligation_id = :id and kind = :kind and due_at = :due")
                .setParameter("id", obligation.id).setParameter("kind", kind).setParameter("due", slot)
                .getSingleResult()).longValue() > 0;
    }

    /**
     * Takes the audit chain's lock (a reminder is an audit entry; taking it first, as every change does, keeps
     * the order of locks the same everywhere) and re-reads the obligation: filed meanwhile, nothing is sent.
     */
    private boolean lockedAndOpen(Obligation obligation) {
        audit.lockChain();
        entityManager.refresh(obligation);
        return obligation.status == ObligationStatus.OPEN;
    }

    /** True for the one transaction that records this (obligation, kind, slot); false for everyone else. */
    private boolean claim(Obligation obligation, String kind, Instant slot, Instant now) {
        return entityManager.createNativeQuery("insert into reminder_sent (obligation_id, kind, due_at, sent_at)"
                + " values (:id, :kind, :due, :now) on conflict do nothing")
                .setParameter("id", obligation.id)
                .setParameter("kind", kind)
                .setParameter("due", slot)
                .setParameter("now", now)
                .executeUpdate() == 1;
    }

    /**
     * Writes one request per recipient and an audit entry for the reminder (counts only, no addresses).
     * {@code slot} is the due time for a timed deadline, the slot of the cadence for an undated one.
     */
    private void notify(Obligation obligation, OrganisationProfile profile, String messageType, String kind,
            Instant slot, List<String> extra, boolean urgent, Instant now) {
        List<String> recipients = new ArrayList<>();
        recipients.add(profile.dpoEmail);
        profile.officerEmails.stream().filter(email -> !recipients.contains(email)).forEach(recipients::add);
        extra.stream().filter(email -> !recipients.contains(email)).forEach(recipients::add);
        Map<String, String> parameters = new HashMap<>();
        parameters.put("obligationId", obligation.id.toString());
        parameters.put("regime", obligation.regime);
        parameters.put("recipient", obligation.recipient);
        java.time.ZoneId zone = java.time.ZoneId.of(obligation.timezone);
        if (obligation.dueAt != null) {
            parameters.put("dueAt", obligation.dueAt.toString());
            parameters.put("dueAtLocal", obligation.dueAt.atZone(zone).toOffsetDateTime().toString());
        } else {
            // No fixed due time: the templates' due-time slot says so, in the recipient's language.
            String since = obligation.triggerAt.atZone(zone).toOffsetDateTime().toString();
            parameters.put("dueAt", "");
            parameters.put("dueAtLocal", profile.locale != null && profile.locale.startsWith("de")
                    ? "unverzüglich (offen seit " + since + ")" : "without undue delay (open since " + since + ")");
            parameters.put("openSince", since);
        }
        parameters.put("timezone", obligation.timezone);
        parameters.put("reminder", UNDATED.equals(kind) ? config.reminders().undated().every().toString() : kind);
        parameters.put("citation", obligation.citation);
        parameters.put("organisation", profile.legalName);
        for (int i = 0; i < recipients.size(); i++) {
            String key = "compliance:" + obligation.id + ":" + kind + ":" + slot.getEpochSecond() + ":" + i;
            outbox.record(new NotificationRequested(UUID.randomUUID(), key, ObligationService.SYSTEM, messageType,
                    obligation.incidentId, new NotificationRequested.Recipient(null, recipients.get(i), null, profile.locale),
                    parameters, true, urgent), now);
        }
        Map<String, Object> details = new HashMap<>();
        details.put("incidentId", obligation.incidentId);
        details.put("regime", obligation.regime);
        details.put("messageType", messageType);
        details.put("kind", kind);
        details.put("slot", slot);
        details.put("recipients", recipients.size());
        details.put("escalationContacts", (int) extra.stream().distinct().count());
        details.put("urgent", urgent);
        audit.append(ObligationService.SYSTEM, "reminder.sent", "obligation/" + obligation.id, details);
    }
}
