package org.candor.notification.service;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.candor.contracts.CandorEvent;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationFailed;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Message;
import org.candor.notification.domain.Recipient;
import org.candor.platform.outbox.Outbox;
import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The delivery table as the workers use it, in plain JDBC for speed: claim due deliveries with
 * {@code FOR UPDATE SKIP LOCKED}, and record a batch of outcomes together with their outcome events
 * in one transaction: a {@link NotificationBatchDelivered} for the messages providers accepted, a
 * {@code NotificationFailed} per failure, and for a mandatory notice that failed its fallback on the
 * person's other channel or their not-reached record ({@link MandatoryFallback}).
 */
@ApplicationScoped
public class DeliveryStore {

    /** A claimed delivery with what it takes to render and send it. */
    public record Claimed(UUID id, MessageView message, Channel channel, String locale, int attempts,
            String recipientId, String name, String address, String unsubscribeUrl, Instant leaseUntil,
            String pinnedProvider) {

        /** A claim that no provider may already have. */
        public Claimed(UUID id, MessageView message, Channel channel, String locale, int attempts, String recipientId,
                String name, String address, String unsubscribeUrl, Instant leaseUntil) {
            this(id, message, channel, locale, attempts, recipientId, name, address, unsubscribeUrl, leaseUntil, null);
        }

        /** The customer id for outcome events: subscribers and direct addresses are not customers. */
        public String customerId() {
            return recipientId == null || recipientId.startsWith(Recipient.SUBSCRIBER_PREFIX) ? null : recipientId;
        }
    }

    /** What a worker needs of a message; cached, since a message's content never changes. */
    public record MessageView(UUID id, String type, UUID incidentId, org.candor.notification.domain.MessageContent content,
            boolean mandatory, boolean test) {

        /** A message to customers (not a test send to staff). */
        public MessageView(UUID id, String type, UUID incidentId, org.candor.notification.domain.MessageContent content,
                boolean mandatory) {
            this(id, type, incidentId, content, mandatory, false);
        }
    }

    /**
     * What became of one claimed delivery. For RETRY, {@code provider} is the provider that may
     * already have the message (it did not answer), to which alone it is offered next; HELD is a
     * retry that does not use up an attempt (the provider was at fault, not the message).
     */
    public record Outcome(Claimed delivery, Kind kind, String provider, String reference, String error, Instant at,
            Instant retryAt) {

        public enum Kind {
            SENT, RETRY, HELD, FAILED, RELEASED
        }
    }

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Clock clock;
    private final NotificationConfig config;
    private final MandatoryFallback fallback;
    private final Map<UUID, MessageView> messages = new ConcurrentHashMap<>();
    private final MessageReferences references;

    DeliveryStore(EntityManager entityManager, Outbox outbox, Clock clock, NotificationConfig config,
            MandatoryFallback fallback, MessageReferences references) {
        this.references = references;
        this.entityManager = entityManager;
        this.fallback = fallback;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /**
     * A delivery that goes back to the queue (a retry, a claim given back, a lease run out) waits PAUSED
     * while its message is paused and is CANCELLED when its message was cancelled meanwhile.
     */
    private static final String BACK_TO_QUEUE = "(select case when m.cancelled_at is not null then 'CANCELLED' when m.paused_at is not null then 'PAUSED' else 'QUEUED' end from message m where m.id = delivery.message_id)";

    /** Claims up to {@code limit} due deliveries of {@code channel}: IN_FLIGHT, one more attempt, a lease. */
    public List<Claimed> claim(Channel channel, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            // Millisecond precision, so the lease survives the round trip and can serve as the claim's token.
            Instant lease = now.plus(config.lease()).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            List<Object[]> rows = new ArrayList<>();
            session().doWork(connection -> {
                try (PreparedStatement claim = connection.prepareStatement("update delivery d set status = 'IN_FLIGHT',"
                        + " attempts = d.attempts + 1, lease_until = ? from (select id from delivery where status = 'QUEUED'"
                        + " and channel = ? and next_attempt_at <= ? order by next_attempt_at limit ? for update skip locked) c"
                        + " where d.id = c.id returning d.id, d.message_id, d.locale, d.attempts, d.recipient_id, d.address,"
                        + " case when d.pinned_until > ? then d.pinned_provider end")) {
                    claim.setTimestamp(1, Timestamp.from(lease));
                    claim.setString(2, channel.name());
                    claim.setTimestamp(3, Timestamp.from(now));
                    claim.setInt(4, limit);
                    claim.setTimestamp(5, Timestamp.from(now));
                    try (ResultSet result = claim.executeQuery()) {
                        while (result.next()) {
                            rows.add(new Object[] {result.getObject(1), result.getObject(2), result.getString(3),
                                    result.getInt(4), result.getString(5), result.getString(6), result.getString(7)});
                        }
                    }
                }
            });
            if (rows.isEmpty()) {
                return List.of();
            }
            Map<String, String[]> contacts = contacts(rows.stream().map(row -> (String) row[4])
                    .filter(java.util.Objects::nonNull).distinct().toList());
            List<Claimed> claimed = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                String recipientId = (String) row[4];
                String[] contact = recipientId == null ? null : contacts.get(recipientId);
                String address = recipientId == null ? (String) row[5]
                        : contact == null ? null : channel == Channel.EMAIL ? contact[1] : contact[2];
                claimed.add(new Claimed((UUID) row[0], message((UUID) row[1]), channel, (String) row[2], (Integer) row[3],
                        recipientId, contact == null ? null : contact[0], address, contact == null ? null : contact[3],
                        lease, (String) row[6]));
            }
            return claimed;
        });
    }

    private Map<String, String[]> contacts(List<String> ids) {
        Map<String, String[]> contacts = new HashMap<>();
        if (ids.isEmpty()) {
            return contacts;
        }
        session().doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "select id, name, email, phone, unsubscribe_url from recipient where id = any(?)")) {
                select.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                try (ResultSet result = select.executeQuery()) {
                    while (result.next()) {
                        contacts.put(result.getString(1),
                                new String[] {result.getString(2), result.getString(3), result.getString(4),
                                        result.getString(5)});
                    }
                }
            }
        });
        return contacts;
    }

    private MessageView message(UUID id) {
        return messages.computeIfAbsent(id, key -> {
            Message message = entityManager.find(Message.class, key);
            return new MessageView(message.id, message.messageType, message.incidentId, message.content,
                    message.mandatory, message.testOf != null);
        });
    }

    /** The reference each sent email carried, with its delivery, in the transaction that records it SENT. */
    private void storeReferences(java.sql.Connection connection, List<UUID> emails) throws java.sql.SQLException {
        if (emails.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into message_reference (reference, delivery_id)"
                + " select unnest(?::varchar[]), unnest(?::uuid[]) on conflict do nothing")) {
            insert.setArray(1, array(connection, "varchar", emails.stream().map(references::of).toArray()));
            insert.setArray(2, array(connection, "uuid", emails.toArray()));
            insert.executeUpdate();
        }
    }

    /** What a reference stands for: the channel, when it was sent, and the message and language to tell its subject. */
    public record Referenced(Channel channel, Instant sentAt, MessageView message, String locale) {
    }

    /** The sent delivery {@code reference} belongs to; empty for a reference nobody was sent. */
    public Optional<Referenced> referenced(String reference) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Object[]> rows = entityManager.createNativeQuery("select cast(d.channel as varchar), d.sent_at, d.message_id,"
                    + " d.locale from message_reference r join delivery d on d.id = r.delivery_id"
                    + " where r.reference = ?1 and d.sent_at is not null", Object[].class).setParameter(1, reference)
                    .getResultList();
            if (rows.isEmpty()) {
                return Optional.<Referenced>empty();
            }
            Object[] row = rows.get(0);
            Instant sentAt = row[1] instanceof java.sql.Timestamp timestamp ? timestamp.toInstant()
                    : row[1] instanceof java.time.OffsetDateTime offset ? offset.toInstant() : (Instant) row[1];
            return Optional.of(new Referenced(Channel.valueOf((String) row[0]), sentAt, message((UUID) row[2]),
                    (String) row[3]));
        });
    }

    /**
     * Records outcomes and their events in one transaction. Only deliveries still held by this claim
     * change (IN_FLIGHT with the claim's lease): one that recovery handed to another worker keeps that
     * worker's result. The exception is a message the provider accepted after the claim's lease ran out
     * and recovery queued the delivery again: it is recorded SENT, since sending it again would repeat it.
     * Returns how many deliveries this commit made FAILED.
     */
    public int record(List<Outcome> outcomes) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<CandorEvent> events = new ArrayList<>();
            List<Outcome> sent = new ArrayList<>();
            List<Outcome> failed = new ArrayList<>();
            session().doWork(connection -> {
                try (PreparedStatement markSent = connection.prepareStatement("update delivery d set status = 'SENT',"
                        + " provider = v.provider, provider_ref = v.ref, sent_at = v.at, lease_until = null, last_error = null"
                        + " from (select unnest(?::uuid[]) id, unnest(?::varchar[]) provider, unnest(?::varchar[]) ref,"
                        + " unnest(?::timestamptz[]) at, unnest(?::timestamptz[]) lease) v where d.id = v.id"
                        // Still this claim's, or queued again after its lease ran out while the provider was
                        // taking it (a stall): accepted is accepted, and sending it again would repeat it.
                        + " and (d.status = 'IN_FLIGHT' and d.lease_until = v.lease or d.status in ('QUEUED', 'PAUSED', 'CANCELLED'))"
                        + " returning d.id");
                        // A pin starts its hold when a provider first leaves the delivery unanswered and keeps
                        // it while the same provider stays silent; any other outcome of an attempt ends it.
                        PreparedStatement retry = connection.prepareStatement("update delivery set status = " + BACK_TO_QUEUE + ","
                                + " next_attempt_at = ?, lease_until = null, last_error = ?,"
                                + " pinned_until = case when cast(? as varchar) is null then null"
                                + " when pinned_provider = cast(? as varchar) and pinned_until is not null then pinned_until"
                                + " else cast(? as timestamptz) end, pinned_provider = cast(? as varchar)"
                                + " where id = ? and status = 'IN_FLIGHT' and lease_until = ?");
                        PreparedStatement hold = connection.prepareStatement("update delivery set status = " + BACK_TO_QUEUE + ","
                                + " next_attempt_at = ?, lease_until = null, last_error = ?, attempts = greatest(attempts - 1, 0)"
                                + " where id = ? and status = 'IN_FLIGHT' and lease_until = ?");
                        PreparedStatement fail = connection.prepareStatement("update delivery d set status = 'FAILED',"
                                + " finished_at = v.at, lease_until = null, last_error = v.error from (select unnest(?::uuid[]) id,"
                                + " unnest(?::timestamptz[]) at, unnest(?::varchar[]) error, unnest(?::timestamptz[]) lease) v"
                                + " where d.id = v.id and d.status = 'IN_FLIGHT' and d.lease_until = v.lease returning d.id");
                        PreparedStatement release = connection.prepareStatement("update delivery set status = " + BACK_TO_QUEUE + ","
                                + " attempts = greatest(attempts - 1, 0), lease_until = null where id = ? and status = 'IN_FLIGHT'"
                                + " and lease_until = ?")) {
                    List<Outcome> toMark = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.SENT).toList();
                    if (!toMark.isEmpty()) {
                        markSent.setArray(1, array(connection, "uuid", toMark.stream().map(o -> o.delivery().id()).toArray()));
                        markSent.setArray(2, array(connection, "varchar", toMark.stream().map(Outcome::provider).toArray()));
                        markSent.setArray(3, array(connection, "varchar", toMark.stream().map(Outcome::reference).toArray()));
                        markSent.setArray(4, array(connection, "timestamptz",
                                toMark.stream().map(o -> o.at().toString()).toArray()));
                        markSent.setArray(5, array(connection, "timestamptz",
                                toMark.stream().map(o -> o.delivery().leaseUntil().toString()).toArray()));
                        java.util.Set<UUID> marked = new java.util.HashSet<>();
                        try (ResultSet result = markSent.executeQuery()) {
                            while (result.next()) {
                                marked.add((UUID) result.getObject(1));
                            }
                        }
                        toMark.stream().filter(o -> marked.contains(o.delivery().id())).forEach(sent::add);
                        storeReferences(connection, toMark.stream().filter(o -> marked.contains(o.delivery().id()))
                                .filter(o -> o.delivery().channel() == Channel.EMAIL).map(o -> o.delivery().id()).toList());
                    }
                    boolean retries = false;
                    boolean holds = false;
                    boolean releases = false;
                    for (Outcome outcome : outcomes) {
                        switch (outcome.kind()) {
                            case RETRY -> {
                                retry.setTimestamp(1, Timestamp.from(outcome.retryAt()));
                                retry.setString(2, truncate(outcome.error()));
                                retry.setString(3, outcome.provider());
                                retry.setString(4, outcome.provider());
                                retry.setString(5, outcome.at().plus(config.sms().uncertainHold()).toString());
                                retry.setString(6, outcome.provider());
                                retry.setObject(7, outcome.delivery().id());
                                retry.setTimestamp(8, Timestamp.from(outcome.delivery().leaseUntil()));
                                retry.addBatch();
                                retries = true;
                            }
                            case HELD -> {
                                hold.setTimestamp(1, Timestamp.from(outcome.retryAt()));
                                hold.setString(2, truncate(outcome.error()));
                                hold.setObject(3, outcome.delivery().id());
                                hold.setTimestamp(4, Timestamp.from(outcome.delivery().leaseUntil()));
                                hold.addBatch();
                                holds = true;
                            }
                            case RELEASED -> {
                                release.setObject(1, outcome.delivery().id());
                                release.setTimestamp(2, Timestamp.from(outcome.delivery().leaseUntil()));
                                release.addBatch();
                                releases = true;
                            }
                            default -> {
                            }
                        }
                    }
                    if (retries) {
                        retry.executeBatch();
                    }
                    if (holds) {
                        hold.executeBatch();
                    }
                    List<Outcome> toFail = outcomes.stream().filter(o -> o.kind() == Outcome.Kind.FAILED).toList();
                    if (!toFail.isEmpty()) {
                        fail.setArray(1, array(connection, "uuid", toFail.stream().map(o -> o.delivery().id()).toArray()));
                        fail.setArray(2, array(connection, "timestamptz", toFail.stream().map(o -> o.at().toString()).toArray()));
                        fail.setArray(3, array(connection, "varchar",
                                toFail.stream().map(o -> truncate(o.error())).toArray()));
                        fail.setArray(4, array(connection, "timestamptz",
                                toFail.stream().map(o -> o.delivery().leaseUntil().toString()).toArray()));
                        java.util.Set<UUID> marked = new java.util.HashSet<>();
                        try (ResultSet result = fail.executeQuery()) {
                            while (result.next()) {
                                marked.add((UUID) result.getObject(1));
                            }
                        }
                        toFail.stream().filter(o -> marked.contains(o.delivery().id())).forEach(failed::add);
                    }
                    if (releases) {
                        release.executeBatch();
                    }
                }
            });
            // A mandatory notice that failed goes on the person's other channel, or they are recorded as not reached.
            fallback.failed(failed.stream().filter(o -> o.delivery().message().mandatory() && o.delivery().customerId() != null)
                    .map(o -> o.delivery().id()).toList());
            // The evidence that people were told, one event per batch rather than one per message.
            List<NotificationBatchDelivered.Delivered> delivered = new ArrayList<>();
            for (Outcome outcome : sent) {
                Claimed d = outcome.delivery();
                if (d.message().test()) {
                    // A test send to staff is no evidence that anyone affected was told.
                    continue;
                }
                delivered.add(new NotificationBatchDelivered.Delivered(d.id(), d.message().incidentId(), d.customerId(),
                        d.message().type(), d.channel().name(), outcome.provider(), outcome.at()));
                if (delivered.size() == NotificationBatchDelivered.MAX_DELIVERIES) {
                    events.add(new NotificationBatchDelivered(UUID.randomUUID(), List.copyOf(delivered)));
                    delivered.clear();
                }
            }
            if (!delivered.isEmpty()) {
                events.add(new NotificationBatchDelivered(UUID.randomUUID(), List.copyOf(delivered)));
            }
            // Only a claim that still held its delivery changed it: a FAILED outcome of a lost claim
            // publishes nothing, and the dead-letter relay only sees the rows this commit marks FAILED.
            for (Outcome outcome : failed) {
                Claimed d = outcome.delivery();
                if (d.message().test()) {
                    continue;
                }
                events.add(new NotificationFailed(d.id(), d.message().incidentId(), d.customerId(),
                        d.message().type(), d.channel().name(), truncate(outcome.error()), outcome.at()));
            }
            outbox.recordAll(events, clock.instant());
            return failed.size();
        });
    }

    /** Deliveries whose worker vanished (a crash) go back to the queue once their lease has run out. */
    public int recoverExpiredLeases() {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "update delivery set status = " + BACK_TO_QUEUE + ", lease_until = null where status = 'IN_FLIGHT' and lease_until < :now")
                .setParameter("now", clock.instant())
                .executeUpdate());
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }

    private static Array array(java.sql.Connection connection, String type, Object[] values) throws java.sql.SQLException {
        return connection.createArrayOf(type, values);
    }

    private static String truncate(String error) {
        return error == null ? null : error.length() > 300 ? error.substring(0, 300) : error;
    }
}
