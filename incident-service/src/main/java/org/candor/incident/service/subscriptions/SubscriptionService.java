package org.candor.incident.service.subscriptions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.contracts.customer.PublicSubscriberRemoved;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.incident.config.IncidentConfig;
import org.candor.incident.domain.Subscriber;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;

/**
 * Subscriptions to public status updates, with double opt-in: by a signed link sent by email, or
 * by a code sent by SMS. Answers never reveal whether an address is already subscribed.
 */
@ApplicationScoped
public class SubscriptionService {

    /** The message types notification-service renders for these flows. */
    public static final String CONFIRMATION_EMAIL = "status-subscription-confirmation";
    public static final String CONFIRMATION_CODE = "status-subscription-code";

    static final String CONFIRM = "subscription-confirm";
    static final String UNSUBSCRIBE = "subscription-unsubscribe";
    private static final Duration CONFIRM_VALIDITY = Duration.ofHours(48);
    private static final Duration UNSUBSCRIBE_VALIDITY = Duration.ofDays(3650);
    private static final Duration CODE_VALIDITY = Duration.ofMinutes(15);
    private static final int MAX_CODE_ATTEMPTS = 5;
    /** Confirmation messages per address or number in any 24 hours; more requests get the same answer and send nothing. */
    static final int MAX_CONFIRMATIONS_PER_DAY = 3;
    static final Duration CONFIRMATION_WINDOW = Duration.ofHours(24);

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final LinkSigner signer;
    private final IncidentConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SubscriptionService(EntityManager entityManager, Outbox outbox, LinkSigner signer, IncidentConfig config,
            Clock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.signer = signer;
        this.config = config;
        this.clock = clock;
    }

    /** Starts (or restarts) an email subscription: sends a confirmation link unless already confirmed. */
    @Transactional
    public void requestByEmail(String email, String locale) {
        Subscriber subscriber = Subscriber.<Subscriber>find("email", email).firstResultOptional()
                .orElseGet(() -> create(email, null, locale));
        if (subscriber.status == Subscriber.Status.CONFIRMED || !mayConfirm(email)) {
            return;
        }
        subscriber.expiresAt = Instant.now(clock).plus(CONFIRM_VALIDITY);
        // The page behind the link speaks the language the person subscribed in.
        String link = config.publicBaseUrl() + "/status/subscriptions/confirm?lang=" + language(subscriber.locale)
                + "&token=" + signer.sign(CONFIRM, subscriber.id, CONFIRM_VALIDITY);
        request(subscriber, CONFIRMATION_EMAIL, new NotificationRequested.Recipient(null, email, null, locale),
                Map.of("confirmUrl", link, "validHours", String.valueOf(CONFIRM_VALIDITY.toHours())));
    }

    /** Starts (or restarts) an SMS subscription: sends a fresh six-digit code unless already confirmed. */
    @Transactional
    public void requestByPhone(String phone, String locale) {
        Subscriber subscriber = Subscriber.<Subscriber>find("phone", phone).firstResultOptional()
                .orElseGet(() -> create(null, phone, locale));
        if (subscriber.status == Subscriber.Status.CONFIRMED || !mayConfirm(phone)) {
            return;
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        subscriber.codeHash = hash(subscriber.id, code);
        subscriber.codeExpiresAt = Instant.now(clock).plus(CODE_VALIDITY);
        subscriber.expiresAt = subscriber.codeExpiresAt;
        subscriber.codeAttempts = 0;
        request(subscriber, CONFIRMATION_CODE, new NotificationRequested.Recipient(null, null, phone, locale),
                Map.of("code", code, "validMinutes", String.valueOf(CODE_VALIDITY.toMinutes())));
    }

    /** What a confirmation link can still do. */
    public enum ConfirmLink {
        /** Valid, and the subscription waits for its confirmation. */
        PENDING,
        /** Valid, and the subscription is confirmed already (a second click, or a mail scanner before). */
        ALREADY_CONFIRMED,
        /** Tampered, expired, or for a subscription that no longer exists. */
        INVALID
    }

    /** Confirms the subscription a link was signed for; says so when it was confirmed before. */
    @Transactional
    public ConfirmLink confirmByLink(String token) {
        Optional<Subscriber> subscriber = signer.verify(CONFIRM, token).flatMap(this::lock);
        if (subscriber.isEmpty()) {
            return ConfirmLink.INVALID;
        }
        if (subscriber.get().status == Subscriber.Status.CONFIRMED) {
            return ConfirmLink.ALREADY_CONFIRMED;
        }
        confirm(subscriber.get());
        return ConfirmLink.PENDING;
    }

    /** What a confirmation link would do now, without doing it (the page asks before acting). */
    @Transactional
    public ConfirmLink confirmLinkState(String token) {
        return signer.verify(CONFIRM, token).map(id -> entityManager.find(Subscriber.class, id))
                .map(found -> found.status == Subscriber.Status.CONFIRMED ? ConfirmLink.ALREADY_CONFIRMED
                        : ConfirmLink.PENDING)
                .orElse(ConfirmLink.INVALID);
    }

    /** Confirms an SMS subscription by its code; a wrong code counts against a small number of attempts. */
    @Transactional
    public boolean confirmByCode(String phone, String code) {
        Optional<Subscriber> found = Subscriber.<Subscriber>find("phone", phone).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
        // Unknown number, already subscribed, wrong code: the same answer, so that nobody learns who subscribed.
        if (found.isEmpty() || found.get().status == Subscriber.Status.CONFIRMED) {
            return false;
        }
        Subscriber subscriber = found.get();
        if (subscriber.codeHash == null || subscriber.codeAttempts >= MAX_CODE_ATTEMPTS
                || Instant.now(clock).isAfter(subscriber.codeExpiresAt)) {
            return false;
        }
        subscriber.codeAttempts++;
        if (!MessageDigest.isEqual(subscriber.codeHash.getBytes(StandardCharsets.UTF_8),
                hash(subscriber.id, code == null ? "" : code.strip()).getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        return confirm(subscriber);
    }

    /** Whether an unsubscribe link is valid (the page asks before acting). */
    public boolean validUnsubscribeLink(String token) {
        return signer.verify(UNSUBSCRIBE, token).isPresent();
    }

    /** Forgets the subscriber and their contact details; false for an invalid link. */
    @Transactional
    public boolean unsubscribe(String token) {
        Optional<String> subscriberId = signer.verify(UNSUBSCRIBE, token);
        if (subscriberId.isEmpty()) {
            return false;
        }
        Subscriber subscriber = Subscriber.findById(subscriberId.get());
        if (subscriber != null) {
            subscriber.delete();
            Instant now = Instant.now(clock);
            outbox.record(new PublicSubscriberRemoved(subscriberId.get(), now), now);
        }
        return true;
    }

    /**
     * Records a confirmation message to {@code contact} unless 3 went there in the last 24 hours. Requests for the
     * same contact wait for each other (an advisory lock on its digest), so a burst cannot slip past the count.
     */
    private boolean mayConfirm(String contact) {
        String digest = signer.digest("confirmation-contact", contact);
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtext(:digest))").setParameter("digest", digest)
                .getResultList();
        Instant now = Instant.now(clock);
        long recent = ((Number) entityManager.createNativeQuery(
                "select count(*) from subscription_confirmation_sent where contact_digest = :digest and sent_at > :since")
                .setParameter("digest", digest).setParameter("since", now.minus(CONFIRMATION_WINDOW)).getSingleResult())
                .longValue();
        if (recent >= MAX_CONFIRMATIONS_PER_DAY) {
            Log.info("Confirmation message not sent: this contact had 3 in the last 24 hours");
            return false;
        }
        entityManager.createNativeQuery("insert into subscription_confirmation_sent (contact_digest, sent_at) values (:digest, :now)")
                .setParameter("digest", digest).setParameter("now", now).executeUpdate();
        return true;
    }

    /**
     * Deletes pending subscriptions whose confirmation link or code has expired (they can never be confirmed
     * and hold a contact detail for nothing), and the send records older than a day.
     */
    @Transactional
    public int deleteExpiredPending() {
        Instant now = Instant.now(clock);
        int deleted = entityManager.createNativeQuery(
                "delete from subscriber where status = 'PENDING' and expires_at < :now").setParameter("now", now).executeUpdate();
        entityManager.createNativeQuery("delete from subscription_confirmation_sent where sent_at <= :since")
                .setParameter("since", now.minus(CONFIRMATION_WINDOW)).executeUpdate();
        if (deleted > 0) {
            Log.infof("Deleted %d pending subscriptions whose confirmation expired", deleted);
        }
        return deleted;
    }

    private boolean confirm(Subscriber subscriber) {
        if (subscriber.status == Subscriber.Status.CONFIRMED) {
            return true;
        }
        Instant now = Instant.now(clock);
        subscriber.status = Subscriber.Status.CONFIRMED;
        subscriber.confirmedAt = now;
        subscriber.codeHash = null;
        subscriber.expiresAt = null;
        String unsubscribe = config.publicBaseUrl() + "/status/subscriptions/unsubscribe?lang="
                + language(subscriber.locale) + "&token=" + signer.sign(UNSUBSCRIBE, subscriber.id, UNSUBSCRIBE_VALIDITY);
        outbox.record(new PublicSubscriberConfirmed(subscriber.id, subscriber.email, subscriber.phone,
                subscriber.locale, now, unsubscribe), now);
        Log.infof("Subscriber %s confirmed", subscriber.id);
        return true;
    }

    /** The page language for a subscriber's locale: its language part, e.g. {@code de} for {@code de-AT}. */
    private static String language(String locale) {
        return locale == null || locale.isBlank() ? "en" : java.util.Locale.forLanguageTag(locale).getLanguage();
    }

    private Optional<Subscriber> lock(String subscriberId) {
        return Optional.ofNullable(entityManager.find(Subscriber.class, subscriberId, LockModeType.PESSIMISTIC_WRITE));
    }

    private Subscriber create(String email, String phone, String locale) {
        Subscriber subscriber = new Subscriber();
        subscriber.id = "S-" + UUID.randomUUID();
        subscriber.email = email;
        subscriber.phone = phone;
        subscriber.locale = locale;
        subscriber.status = Subscriber.Status.PENDING;
        subscriber.createdAt = Instant.now(clock);
        subscriber.persist();
        return subscriber;
    }

    private void request(Subscriber subscriber, String messageType, NotificationRequested.Recipient recipient,
            Map<String, String> parameters) {
        UUID requestId = UUID.randomUUID();
        outbox.record(new NotificationRequested(requestId, messageType + ":" + subscriber.id + ":" + requestId,
                "incident-service", messageType, null, recipient, parameters, true, true), Instant.now(clock));
    }

    private static String hash(String subscriberId, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((subscriberId + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
