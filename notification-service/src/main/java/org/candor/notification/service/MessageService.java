package org.candor.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.contracts.notification.NotificationSendControlled;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.KnownIncident;
import org.candor.notification.domain.Message;
import org.candor.notification.domain.MessageContent;
import org.candor.notification.domain.QuietHours;
import org.candor.notification.domain.Recipient;
import org.candor.platform.rest.Problem;

import org.hibernate.query.NativeQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Turns a published status update or a notification request into a message. An update's message
 * is fanned out to its audience by {@link FanOutWorker}; a request's one or two deliveries are
 * written here, in the same transaction. The message's source key makes a redelivered update or a
 * repeated idempotency key the same message, so nothing is queued twice.
 */
@ApplicationScoped
public class MessageService {

    /** The longest requester name (a service or a token's subject) a message keeps: its column's width. */
    public static final int MAX_REQUESTED_BY = 64;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final EntityManager entityManager;
    private final NotificationConfig config;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;
    private final WorkSignals signals;
    private final ObjectMapper objectMapper;
    private final AudienceLock audienceLock;
    private final Audiences audiences;
    private final SendDecisions sendDecisions;

    MessageService(EntityManager entityManager, NotificationConfig config, Clock clock,
            TransactionSynchronizationRegistry transactions, WorkSignals signals, ObjectMapper objectMapper,
            AudienceLock audienceLock, Audiences audiences, SendDecisions sendDecisions) {
        this.audiences = audiences;
        this.sendDecisions = sendDecisions;
        this.objectMapper = objectMapper;
        this.audienceLock = audienceLock;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.transactions = transactions;
        this.signals = signals;
    }

    /**
     * A status update that asks to notify people becomes one message for its audience. Its SMS wait
     * for the end of quiet hours unless the commander marked the update urgent; the breach notice too.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> statusUpdatePublished(StatusUpdatePublished update) {
        if (!update.notifyPeople()) {
            return Optional.empty();
        }
        String audience = Message.PUBLIC.equals(update.audience()) ? Message.PUBLIC : Message.AFFECTED;
        if (audience.equals(Message.AFFECTED)) {
            // A customer being linked right now is either committed before this message exists, or
            // sees it as the incident's latest update (AudienceLock).
            audienceLock.exclusive(update.incidentId());
        }
        KnownIncident incident = KnownIncident.findById(update.incidentId());
        String type = MessageCatalog.PUBLIC_STATUS_UPDATE;
        boolean mandatory = false;
        // A later revision of an update that went out is its correction: to the people earlier revisions
        // reached, as what they were (a corrected breach notice is still the mandatory notice).
        Object[] corrected = update.revision() > 1 ? corrected(update.updateId(), audience, update.revision()) : null;
        if (corrected != null) {
            type = (String) corrected[1];
            mandatory = (Boolean) corrected[2];
        } else if (audience.equals(Message.AFFECTED)) {
            // The first update to the affected people of a high-risk breach is the Art. 34 notice.
            boolean breachNotice = incident != null && incident.highRisk && incident.breachNoticeMessageId == null;
            type = breachNotice ? MessageCatalog.BREACH_NOTICE : MessageCatalog.STATUS_UPDATE;
            mandatory = breachNotice;
        }
        MessageContent content = new MessageContent(update.messages(), update.status(),
                incident == null ? null : incident.title, incident == null ? Map.of() : incident.summaries,
                incident == null || incident.dataCategories.isEmpty() ? List.of()
                        : Arrays.asList(incident.dataCategories.split(",")),
                Map.of());
        String sourceKey = "update:" + update.incidentId() + ":" + update.updateId() + ":" + update.revision() + ":"
                + audience;
        // The commander who wrote the revision, so that another one approves a big send.
        String author = update.publishedBy() == null || update.publishedBy().isBlank() ? "incident-service"
                : update.publishedBy().length() > MAX_REQUESTED_BY ? update.publishedBy().substring(0, MAX_REQUESTED_BY)
                : update.publishedBy();
        Optional<UUID> created = create(sourceKey, type, update.incidentId(), update.updateId(), update.revision(),
                audience, author, content, mandatory, update.urgent(), update.publishedAt());
        if (created.isPresent() && MessageCatalog.BREACH_NOTICE.equals(type) && corrected == null) {
            incident.breachNoticeMessageId = created.get();
        }
        if (created.isPresent()) {
            long size = audiences.size(audience, update.incidentId(), update.updateId(), update.revision(), corrected != null);
            boolean approval = size > config.approvalThreshold();
            sql("update message set audience_size = :size, approval_required = :approval, corrects = :corrects where id = :id")
                    .setParameter("size", size).setParameter("approval", approval)
                    .setParameter("corrects", corrected == null ? null : (UUID) corrected[0], UUID.class)
                    .setParameter("id", created.get()).executeUpdate();
            if (approval) {
                Log.infof("Message %s is addressed to %d people (more than %d): it waits for a second incident"
                        + " commander's approval", created.get(), size, config.approvalThreshold());
                Message waiting = entityManager.find(Message.class, created.get());
                entityManager.refresh(waiting);
                sendDecisions.record(waiting, NotificationSendControlled.AWAITING_APPROVAL, author, clock.instant());
            }
        }
        if (created.isPresent()) {
            Log.infof("Update %s revision %d of incident %s: message %s (%s) to %s", update.updateId(),
                    update.revision(), update.incidentId(), created.get(), type, audience);
            signals.afterCommit(transactions, WorkSignals.Work.FAN_OUT);
        }
        return created;
    }

    /**
     * A request becomes a message with its deliveries, or a {@link RequestRejectedException} that
     * names every invalid field; nothing is written then.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> requested(NotificationRequested request) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (request.idempotencyKey() == null || request.idempotencyKey().isBlank()) {
            errors.add(Problem.FieldError.field("idempotencyKey", "is missing"));
        } else if (request.idempotencyKey().length() > 200) {
            errors.add(Problem.FieldError.field("idempotencyKey", "is longer than 200 characters"));
        }
        if (request.requestedBy() == null || request.requestedBy().isBlank()) {
            errors.add(Problem.FieldError.field("requestedBy", "is missing"));
        } else if (request.requestedBy().length() > MAX_REQUESTED_BY) {
            errors.add(Problem.FieldError.field("requestedBy", "is longer than " + MAX_REQUESTED_BY + " characters"));
        }
        Set<Channel> channels = request.messageType() == null ? null
                : MessageCatalog.channels(request.messageType()).orElse(null);
        if (channels == null) {
            errors.add(Problem.FieldError.field("messageType", "'" + request.messageType() + "' has no template; known: "
                    + String.join(", ", MessageCatalog.types())));
        }
        NotificationRequested.Recipient to = request.recipient();
        Recipient known = null;
        if (to == null) {
            errors.add(Problem.FieldError.field("recipient", "is missing"));
        } else {
            if (!MessageCatalog.validLocale(to.locale())) {
                errors.add(Problem.FieldError.field("recipient.locale", "'" + to.locale() + "' is not a BCP 47 language tag"));
            }
            if (to.customerId() != null) {
                known = Recipient.findById(to.customerId());
                if (known == null) {
                    errors.add(Problem.FieldError.field("recipient.customerId", "no such recipient"));
                }
            } else if (to.email() == null && to.phone() == null) {
                errors.add(Problem.FieldError.field("recipient", "needs a customerId, an email or a phone"));
            }
            if (to.email() != null && !EMAIL.matcher(to.email()).matches()) {
                errors.add(Problem.FieldError.field("recipient.email", "is not an email address"));
            }
            if (to.phone() != null && !E164.matcher(to.phone()).matches()) {
                errors.add(Problem.FieldError.field("recipient.phone", "is not an E.164 number"));
            }
        }
        if (!errors.isEmpty()) {
            throw new RequestRejectedException(errors);
        }
        String email = known != null ? known.email : to.email();
        String phone = known != null ? known.phone : to.phone();
        EnumSet<Channel> use = EnumSet.noneOf(Channel.class);
        if (channels.contains(Channel.EMAIL) && email != null && (request.mandatory() || known == null || !known.emailOptOut)) {
            use.add(Channel.EMAIL);
        }
        if (channels.contains(Channel.SMS) && phone != null && (request.mandatory() || known == null || !known.smsOptOut)) {
            use.add(Channel.SMS);
        }
        if (use.isEmpty() && (known == null || request.mandatory())) {
            throw new RequestRejectedException(List.of(Problem.FieldError.field("recipient",
                    request.messageType() + " goes by " + channels + " but the recipient has no such address")));
        }
        Instant now = clock.instant();
        String sourceKey = "request:" + request.idempotencyKey();
        Optional<UUID> created = create(sourceKey, request.messageType(), request.incidentId(), null, null, Message.DIRECT,
                request.requestedBy(), new MessageContent(Map.of(), null, null, Map.of(), List.of(),
                        request.parameters() == null ? Map.of() : request.parameters()),
                request.mandatory(), request.urgent(), now);
        if (created.isEmpty()) {
            Log.infof("Request %s repeats idempotency key of an earlier one; nothing more is sent", request.requestId());
            return Optional.empty();
        }
        String locale = known != null ? known.locale : to.locale();
        String zone = known != null ? known.timeZone : config.defaultTimeZone();
        for (Channel channel : use) {
            String recipientKey = known != null ? known.id : DeliveryKeys.DIRECT;
            Instant due = channel == Channel.SMS && !request.urgent()
                    ? new QuietHours(config.quietHours().start(), config.quietHours().end())
                            .nextAllowed(now, java.time.ZoneId.of(zone))
                    : now;
            sql("insert into delivery (id, message_id, recipient_id, address, channel, locale,"
                    + " status, attempts, next_attempt_at) values (:id, :message, :recipient, :address, :channel, :locale,"
                    + " 'QUEUED', 0, :due) on conflict (id) do nothing")
                    .setParameter("id", DeliveryKeys.of(sourceKey, recipientKey, channel))
                    .setParameter("message", created.get())
                    .setParameter("recipient", known != null ? known.id : null, String.class)
                    .setParameter("address", known != null ? null : channel == Channel.EMAIL ? email : phone, String.class)
                    .setParameter("channel", channel.name())
                    .setParameter("locale", locale)
                    .setParameter("due", due)
                    .executeUpdate();
        }
        Log.infof("Request %s from %s: message %s (%s) by %s", request.requestId(), request.requestedBy(), created.get(),
                request.messageType(), use);
        signals.afterCommit(transactions, WorkSignals.Work.EMAIL, WorkSignals.Work.SMS);
        return created;
    }

    /** The latest earlier revision's message of the update to the same audience: id, type, mandatory; null if none. */
    private Object[] corrected(UUID updateId, String audience, int revision) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select id, message_type, mandatory from message"
                + " where update_id = :update and audience = :audience and revision < :revision and test_of is null"
                + " order by revision desc limit 1")
                .setParameter("update", updateId).setParameter("audience", audience).setParameter("revision", revision)
                .getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private Optional<UUID> create(String sourceKey, String type, UUID incidentId, UUID updateId, Integer revision,
            String audience, String requestedBy, MessageContent content, boolean mandatory, boolean urgent,
            Instant publishedAt) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        int inserted = sql("insert into message (id, source_key, message_type, incident_id,"
                + " update_id, revision, audience, requested_by, content, mandatory, urgent, published_at, created_at)"
                + " values (:id, :key, :type, :incident, :update, :revision, :audience, :by, cast(:content as jsonb),"
                + " :mandatory, :urgent, :published, :now) on conflict (source_key) do nothing")
                .setParameter("id", id).setParameter("key", sourceKey).setParameter("type", type)
                .setParameter("incident", incidentId, UUID.class).setParameter("update", updateId, UUID.class)
                .setParameter("revision", revision, Integer.class)
                .setParameter("audience", audience).setParameter("by", requestedBy)
                .setParameter("content", json(content)).setParameter("mandatory", mandatory)
                .setParameter("urgent", urgent).setParameter("published", publishedAt == null ? now : publishedAt)
                .setParameter("now", now)
                .executeUpdate();
        return inserted == 1 ? Optional.of(id) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private NativeQuery<Object> sql(String sql) {
        return entityManager.createNativeQuery(sql).unwrap(NativeQuery.class);
    }

    private String json(MessageContent content) {
        try {
            return objectMapper.writeValueAsString(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
