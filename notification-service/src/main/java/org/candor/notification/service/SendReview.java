package org.candor.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.core.Response;

import org.candor.contracts.notification.NotificationSendControlled;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.Message;
import org.candor.notification.domain.SmsText;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What an incident commander does with an update's message before it goes to people: look at its audience
 * per channel and locale, preview the exact messages per channel and language, send it to named staff
 * addresses and numbers as a test, and, for a send to more people than the approval threshold, approve it
 * as a second commander (never its author).
 */
@ApplicationScoped
public class SendReview {

    /** A test send to at most this many staff addresses and numbers together. */
    public static final int MAX_TEST_ADDRESSES = 10;

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    /** Each person's copy has their own name; the preview shows where it goes. */
    private static final String PREVIEW_NAME = "Alex Muster";

    /** The message one channel and language get. {@code sms} for SMS, subject/text/html for email. */
    public record Rendered(String channel, String language, List<String> locales, long people, String subject,
            String text, String html, SmsPreview sms) {
    }

    /** An SMS as it goes out: encoding, length, the limit of the configured segments, segments. */
    public record SmsPreview(String text, String encoding, int length, int limit, int segments) {
    }

    public record Preview(UUID messageId, String messageType, List<Rendered> messages) {
    }

    /** Staff addresses and numbers a test send goes to, and the language it is rendered in. */
    public record TestSendRequest(List<String> emails, List<String> phones, String locale) {
    }

    public record TestDelivery(UUID deliveryId, String channel) {
    }

    /** The test send's own message (its deliveries are under {@code /api/messages/{testMessageId}/deliveries}). */
    public record TestSend(UUID testMessageId, UUID messageId, String locale, List<TestDelivery> deliveries) {
    }

    private final EntityManager entityManager;
    private final Audiences audiences;
    private final TemplateRenderer renderer;
    private final OptOutLinks optOutLinks;
    private final ProgressService progress;
    private final NotificationConfig config;
    private final WorkSignals signals;
    private final Clock clock;
    private final SendDecisions sendDecisions;

    SendReview(EntityManager entityManager, Audiences audiences, TemplateRenderer renderer, OptOutLinks optOutLinks,
            ProgressService progress, NotificationConfig config, WorkSignals signals, Clock clock,
            SendDecisions sendDecisions) {
        this.sendDecisions = sendDecisions;
        this.entityManager = entityManager;
        this.audiences = audiences;
        this.renderer = renderer;
        this.optOutLinks = optOutLinks;
        this.progress = progress;
        this.config = config;
        this.signals = signals;
        this.clock = clock;
    }

    public Audiences.Breakdown audience(UUID messageId) {
        return QuarkusTransaction.requiringNew().call(() -> audiences.of(update(messageId)));
    }

    /**
     * The message rendered once per channel and template language of its audience (every language its type
     * has when nobody is in it yet), as people get it: their name stands where {@value #PREVIEW_NAME} is,
     * and their own links (opt-out, unsubscribe) have the length of real ones.
     */
    public Preview preview(UUID messageId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Message message = update(messageId);
            Audiences.Breakdown audience = audiences.of(message);
            Map<String, List<Audiences.Count>> groups = new LinkedHashMap<>();
            for (Audiences.Count count : audience.counts()) {
                groups.computeIfAbsent(count.channel() + "|" + count.language(), key -> new ArrayList<>()).add(count);
            }
            if (groups.isEmpty()) {
                for (Channel channel : MessageCatalog.channels(message.messageType).orElse(Set.of())) {
                    for (String language : new java.util.TreeSet<>(MessageCatalog.LANGUAGES)) {
                        groups.put(channel.name() + "|" + language, List.of());
                    }
                }
            }
            List<Rendered> rendered = new ArrayList<>();
            groups.forEach((key, counts) -> {
                Channel channel = Channel.valueOf(key.substring(0, key.indexOf('|')));
                String language = key.substring(key.indexOf('|') + 1);
                rendered.add(render(message, channel, language, counts.stream().map(Audiences.Count::locale).toList(),
                        counts.stream().mapToLong(Audiences.Count::people).sum()));
            });
            rendered.sort(java.util.Comparator.comparing(Rendered::channel).thenComparing(Rendered::language));
            return new Preview(messageId, message.messageType, List.copyOf(rendered));
        });
    }

    private Rendered render(Message message, Channel channel, String language, List<String> locales, long people) {
        boolean subscribers = Message.PUBLIC.equals(message.audience);
        String unsubscribe = subscribers ? config.publicBaseUrl() + "/status/subscriptions/unsubscribe?token="
                + "x".repeat(180) : null;
        String optOut = message.mandatory || subscribers ? null : optOutLinks.url("preview", channel, language);
        if (channel == Channel.EMAIL) {
            TemplateRenderer.Email email = renderer.email(message.messageType, language, message.content, PREVIEW_NAME,
                    message.incidentId, unsubscribe, optOut);
            return new Rendered(channel.name(), language, locales, people, email.subject(), email.text(), email.html(), null);
        }
        SmsText text = renderer.smsPreview(message.messageType, language, message.content, PREVIEW_NAME, message.incidentId,
                unsubscribe, optOut);
        return new Rendered(channel.name(), language, locales, people, null, null, null, new SmsPreview(text.text(),
                text.encoding(), text.length(), SmsText.capacity(SmsText.GSM7.equals(text.encoding()),
                        config.sms().maxSegments()), text.segments()));
    }

    /**
     * Sends the message to named staff addresses and numbers through the real transports, at once (quiet
     * hours do not apply to staff), as a message of its own: it never counts as a delivery to customers
     * (no outcome events, not in the incident's counts, no customer's opt-out link). Nothing is written
     * when a field is invalid.
     */
    public TestSend testSend(UUID messageId, TestSendRequest request, String actor) {
        TestSend sent = QuarkusTransaction.requiringNew().call(() -> {
            Message message = update(messageId);
            Set<Channel> channels = MessageCatalog.channels(message.messageType).orElse(Set.of());
            List<String> emails = request == null || request.emails() == null ? List.of() : request.emails();
            List<String> phones = request == null || request.phones() == null ? List.of() : request.phones();
            String locale = request == null || request.locale() == null ? MessageCatalog.FALLBACK_LANGUAGE : request.locale();
            List<Problem.FieldError> errors = new ArrayList<>();
            if (emails.isEmpty() && phones.isEmpty()) {
                errors.add(Problem.FieldError.field("emails", "name at least one staff address in emails or number in phones"));
            }
            if (emails.size() + phones.size() > MAX_TEST_ADDRESSES) {
                errors.add(Problem.FieldError.field(emails.size() > phones.size() ? "emails" : "phones",
                        "a test send goes to at most " + MAX_TEST_ADDRESSES + " addresses and numbers together"));
            }
            if (!emails.isEmpty() && !channels.contains(Channel.EMAIL)) {
                errors.add(Problem.FieldError.field("emails", message.messageType + " is not sent by email"));
            }
            if (!phones.isEmpty() && !channels.contains(Channel.SMS)) {
                errors.add(Problem.FieldError.field("phones", message.messageType + " is not sent by SMS"));
            }
            for (int i = 0; i < emails.size(); i++) {
                if (emails.get(i) == null || emails.get(i).length() > 320 || !EMAIL.matcher(emails.get(i)).matches()) {
                    errors.add(Problem.FieldError.field("emails[" + i + "]", "is not an email address"));
                }
            }
            for (int i = 0; i < phones.size(); i++) {
                if (phones.get(i) == null || !E164.matcher(phones.get(i)).matches()) {
                    errors.add(Problem.FieldError.field("phones[" + i + "]", "is not an E.164 number"));
                }
            }
            if (!MessageCatalog.validLocale(locale)) {
                errors.add(Problem.FieldError.field("locale", "'" + locale + "' is not a BCP 47 language tag"));
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(Problem.invalid("The test send has invalid fields", errors));
            }
            UUID testId = UUID.randomUUID();
            String sourceKey = "test:" + messageId + ":" + testId;
            Instant now = clock.instant();
            entityManager.createNativeQuery("insert into message (id, source_key, message_type, incident_id, audience,"
                    + " requested_by, content, mandatory, urgent, published_at, created_at, test_of)"
                    + " select :id, :key, message_type, incident_id, 'DIRECT', :by, content, mandatory, true, :now, :now, id"
                    + " from message where id = :message")
                    .setParameter("id", testId).setParameter("key", sourceKey).setParameter("by", actor)
                    .setParameter("now", now).setParameter("message", messageId).executeUpdate();
            List<TestDelivery> deliveries = new ArrayList<>();
            int n = 0;
            for (String email : emails) {
                deliveries.add(insert(testId, sourceKey, "test-" + n++, Channel.EMAIL, email.strip(), locale, now));
            }
            for (String phone : phones) {
                deliveries.add(insert(testId, sourceKey, "test-" + n++, Channel.SMS, phone, locale, now));
            }
            Log.infof("Test send %s of message %s by %s: %d deliveries", testId, messageId, actor, deliveries.size());
            return new TestSend(testId, messageId, locale, List.copyOf(deliveries));
        });
        signals.signal(WorkSignals.Work.EMAIL);
        signals.signal(WorkSignals.Work.SMS);
        return sent;
    }

    private TestDelivery insert(UUID messageId, String sourceKey, String slot, Channel channel, String address, String locale,
            Instant now) {
        UUID id = DeliveryKeys.of(sourceKey, slot, channel);
        entityManager.createNativeQuery("insert into delivery (id, message_id, address, channel, locale, status, attempts,"
                + " next_attempt_at) values (:id, :message, :address, :channel, :locale, 'QUEUED', 0, :now)")
                .setParameter("id", id).setParameter("message", messageId).setParameter("address", address)
                .setParameter("channel", channel.name()).setParameter("locale", locale).setParameter("now", now)
                .executeUpdate();
        return new TestDelivery(id, channel.name());
    }

    /**
     * A second incident commander approves a send that waits for it: the fan-out starts. 409 when the message
     * is not waiting for approval (too small to need one, approved already, cancelled); 403 for its author.
     */
    public ProgressService.Progress approve(UUID messageId, String approver) {
        ProgressService.Progress approved = QuarkusTransaction.requiringNew().call(() -> {
            Message message = entityManager.find(Message.class, messageId, LockModeType.PESSIMISTIC_WRITE);
            if (message == null) {
                throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No message " + messageId));
            }
            if (!message.awaitingApproval()) {
                throw new ProblemException(Problem.of(Response.Status.CONFLICT, message.approvedAt != null
                        ? "Message " + messageId + " was approved by " + message.approvedBy + " at " + message.approvedAt
                        : message.cancelledAt != null ? "Message " + messageId + " was cancelled"
                        : "Message " + messageId + " does not wait for approval: it is addressed to "
                                + (message.audienceSize == null ? "one person" : message.audienceSize + " people")
                                + ", not more than " + config.approvalThreshold()));
            }
            if (approver.equals(message.requestedBy)) {
                throw new ProblemException(Problem.of(Response.Status.FORBIDDEN, "The author of an update cannot approve"
                        + " its send; another incident commander must"));
            }
            message.approvedBy = approver;
            message.approvedAt = clock.instant();
            sendDecisions.record(message, NotificationSendControlled.APPROVED, approver, message.approvedAt);
            Log.infof("Message %s to %d people, by %s, approved by %s", messageId, message.audienceSize,
                    message.requestedBy, approver);
            entityManager.flush();
            return progress.of(messageId).orElseThrow();
        });
        signals.signal(WorkSignals.Work.FAN_OUT);
        return approved;
    }

    /** An update's message (not one to a single person, not a test send), or 404 / 409. */
    private Message update(UUID messageId) {
        Message message = entityManager.find(Message.class, messageId);
        if (message == null) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No message " + messageId));
        }
        if (Message.DIRECT.equals(message.audience)) {
            throw new ProblemException(Problem.of(Response.Status.CONFLICT, "Message " + messageId
                    + " goes to one person, not to an audience"));
        }
        return message;
    }
}
