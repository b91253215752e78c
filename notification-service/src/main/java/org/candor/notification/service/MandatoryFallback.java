package org.candor.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.notification.NotificationNotReached;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.QuietHours;
import org.candor.platform.outbox.Outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * What happens when a mandatory notice fails permanently on one channel (refused or invalid address, a
 * bounce, a number the gateway cannot reach, attempts used up): it is sent on the person's other channel
 * if they have an address there and that channel has not had it (the delivery id, derived from message,
 * person and channel, makes that once). When every channel the person has was tried and failed, the
 * person is recorded as not reached ({@code not_reached}) and a {@link NotificationNotReached} goes out
 * through the outbox, once.
 *
 * <p>Runs in the transaction that records the failure. Two failures of the same person's notice may
 * commit at the same moment (the mail's bounce receipt and the SMS's failure): each takes a transaction
 * lock on (message, person) before it looks at the other channel, so the second sees the first.
 */
@ApplicationScoped
public class MandatoryFallback {

    /** Addresses and numbers a provider may quote in its answer: never kept in the not-reached list. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    private static final Pattern NUMBER = Pattern.compile("\\+\\d[\\d ()./-]{5,}\\d|\\b\\d{9,}\\b");

    private final EntityManager entityManager;
    private final NotificationConfig config;
    private final Outbox outbox;
    private final Clock clock;
    private final ObjectMapper objectMapper;
    private final WorkSignals signals;
    private final jakarta.transaction.TransactionSynchronizationRegistry transactions;

    MandatoryFallback(EntityManager entityManager, NotificationConfig config, Outbox outbox, Clock clock,
            ObjectMapper objectMapper, WorkSignals signals, jakarta.transaction.TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.config = config;
        this.outbox = outbox;
        this.clock = clock;
        this.objectMapper = objectMapper;
        this.signals = signals;
        this.transactions = transactions;
    }

    /** What was decided for the failed deliveries: fallback deliveries written, people recorded as not reached. */
    public record Result(int fallbacks, int notReached) {
    }

    /**
     * Deliveries that have just become FAILED or BOUNCED in the current transaction; those of mandatory
     * messages to known people get their fallback or their not-reached record.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Result failed(Collection<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return new Result(0, 0);
        }
        UUID[] ids = deliveryIds.toArray(UUID[]::new);
        @SuppressWarnings("unchecked")
        List<Object[]> people = entityManager.createNativeQuery("select distinct d.message_id, d.recipient_id"
                + " from delivery d join message m on m.id = d.message_id where d.id = any(cast(:ids as uuid[]))"
                + " and m.mandatory and d.recipient_id is not null and d.recipient_id not like 'subscriber:%'"
                + " and d.status in ('FAILED', 'BOUNCED') order by 1, 2")
                .setParameter("ids", ids).getResultList();
        int fallbacks = 0;
        int notReached = 0;
        Instant now = clock.instant();
        for (Object[] person : people) {
            UUID messageId = (UUID) person[0];
            String recipientId = (String) person[1];
            // In id order, so two transactions that share people take their locks in the same order.
            entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:key, 34))")
                    .setParameter("key", messageId + "|" + recipientId).getSingleResult();
            if (fallBack(messageId, recipientId, now)) {
                fallbacks++;
            } else if (recordNotReached(messageId, recipientId, now)) {
                notReached++;
            }
        }
        if (fallbacks > 0) {
            signals.afterCommit(transactions, WorkSignals.Work.EMAIL, WorkSignals.Work.SMS);
        }
        return new Result(fallbacks, notReached);
    }

    /**
     * Writes the notice's delivery on a channel of the person's that has none yet; false when every channel
     * they have an address for (and the message type knows) already has one, or the message was cancelled.
     */
    private boolean fallBack(UUID messageId, String recipientId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select m.source_key, m.message_type, m.urgent,"
                + " m.paused_at is not null, r.email is not null, r.phone is not null, r.locale, r.time_zone,"
                + " array_to_string(array(select channel from delivery where message_id = m.id and recipient_id = r.id), ',')"
                + " from message m join recipient r on r.id = :recipient where m.id = :message and m.cancelled_at is null"
                + " and (m.audience <> 'AFFECTED' or exists (select 1 from incident_recipient ir"
                + " where ir.incident_id = m.incident_id and ir.recipient_id = r.id))")
                .setParameter("message", messageId).setParameter("recipient", recipientId).getResultList();
        if (rows.isEmpty()) {
            return false;
        }
        Object[] row = rows.get(0);
        String sourceKey = (String) row[0];
        Set<Channel> channels = MessageCatalog.channels((String) row[1]).orElse(Set.of());
        boolean urgent = (Boolean) row[2];
        boolean paused = (Boolean) row[3];
        List<String> tried = List.of(((String) row[8]).split(","));
        for (Channel channel : List.of(Channel.EMAIL, Channel.SMS)) {
            boolean hasAddress = channel == Channel.EMAIL ? (Boolean) row[4] : (Boolean) row[5];
            if (!hasAddress || !channels.contains(channel) || tried.contains(channel.name())) {
                continue;
            }
            Instant due = channel == Channel.SMS && !urgent
                    ? new QuietHours(config.quietHours().start(), config.quietHours().end()).nextAllowed(now,
                            ZoneId.of((String) row[7]))
                    : now;
            int written = entityManager.createNativeQuery("insert into delivery (id, message_id, recipient_id, channel,"
                    + " locale, status, attempts, next_attempt_at) values (:id, :message, :recipient, :channel, :locale,"
                    + " :status, 0, :due) on conflict (id) do nothing")
                    .setParameter("id", DeliveryKeys.of(sourceKey, recipientId, channel))
                    .setParameter("message", messageId).setParameter("recipient", recipientId)
                    .setParameter("channel", channel.name()).setParameter("locale", row[6])
                    .setParameter("status", paused ? "PAUSED" : "QUEUED").setParameter("due", due)
                    .executeUpdate();
            if (written == 1) {
                // A message that had completed counts the new delivery and completes once more.
                entityManager.createNativeQuery("update message set completed_at = null where id = :id"
                        + " and completed_at is not null and audience <> 'DIRECT'").setParameter("id", messageId)
                        .executeUpdate();
                Log.infof("Mandatory message %s failed for recipient %s on %s; sent on %s instead", messageId,
                        recipientId, String.join(",", tried), channel);
                return true;
            }
        }
        return false;
    }

    /** Records the person as not reached when every delivery of the notice to them failed; true when newly recorded. */
    private boolean recordNotReached(UUID messageId, String recipientId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Object[]> attempts = entityManager.createNativeQuery("select d.channel, d.status, d.last_error,"
                + " m.incident_id, m.message_type from delivery d join message m on m.id = d.message_id"
                + " where d.message_id = :message and d.recipient_id = :recipient and m.cancelled_at is null"
                + " and (m.audience <> 'AFFECTED' or exists (select 1 from incident_recipient ir"
                + " where ir.incident_id = m.incident_id and ir.recipient_id = d.recipient_id))"
                + " order by coalesce(d.finished_at, d.sent_at, d.next_attempt_at), d.channel")
                .setParameter("message", messageId).setParameter("recipient", recipientId).getResultList();
        if (attempts.isEmpty() || attempts.stream().anyMatch(a -> !"FAILED".equals(a[1]) && !"BOUNCED".equals(a[1]))) {
            return false;
        }
        List<NotificationNotReached.Attempt> tried = new ArrayList<>();
        for (Object[] attempt : attempts) {
            tried.add(new NotificationNotReached.Attempt((String) attempt[0], reason((String) attempt[2], (String) attempt[1])));
        }
        UUID incidentId = (UUID) attempts.get(0)[3];
        String messageType = (String) attempts.get(0)[4];
        int inserted = entityManager.createNativeQuery("insert into not_reached (message_id, recipient_id, incident_id,"
                + " message_type, attempts, not_reached_at) values (:message, :recipient, :incident, :type,"
                + " cast(:attempts as jsonb), :now) on conflict do nothing")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("message", messageId).setParameter("recipient", recipientId)
                .setParameter("incident", incidentId, UUID.class).setParameter("type", messageType)
                .setParameter("attempts", json(tried)).setParameter("now", now)
                .executeUpdate();
        if (inserted == 0) {
            return false;
        }
        outbox.record(new NotificationNotReached(messageId, incidentId, recipientId, messageType, List.copyOf(tried), now),
                now);
        Log.warnf("Mandatory message %s reached recipient %s on no channel (%d tried): recorded as not reached",
                messageId, recipientId, tried.size());
        return true;
    }

    /** The provider's or the worker's reason, without any address or number it may quote. */
    static String reason(String lastError, String status) {
        String reason = lastError == null || lastError.isBlank() ? status.toLowerCase(java.util.Locale.ROOT) : lastError;
        reason = EMAIL.matcher(reason).replaceAll("<address>");
        reason = NUMBER.matcher(reason).replaceAll("<number>");
        return reason.length() > 300 ? reason.substring(0, 300) : reason;
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
