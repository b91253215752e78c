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
        if (subscriber.status == Subscriber.Status.CONFIRMED) {
            return;
        }
        String link = config.publicBaseUrl() + "/status/subscriptions/confirm?token="
                + signer.sign(CONFIRM, subscriber.id, CONFIRM_VALIDITY);
        request(subscriber, CONFIRMATION_EMAIL, new NotificationRequested.Recipient(null, email, null, locale),
                Map.of("confirmUrl", link, "validHours", String.valueOf(CONFIRM_VALIDITY.toHours())));
    }

    /** Starts (or restarts) an SMS subscription: sends a fresh six-digit code unless already confirmed. */
    @Transactional
    public void requestByPhone(String phone, String locale) {
        Subscriber subscriber = Subscriber.<Subscriber>find("phone", phone).firstResultOptional()
                .orElseGet(() -> create(null, phone, locale));
        if (subscriber.status == Subscriber.Status.CONFIRMED) {
            return;
        }
        String code = String.format("%06d", random.nextInt(1_000_000));
        subscriber.codeHash = hash(subscriber.id, code);
        subscriber.codeExpiresAt = Instant.now(clock).plus(CODE_VALIDITY);
        subscriber.codeAttempts = 0;
        request(subscriber, CONFIRMATION_CODE, new NotificationRequested.Recipient(null, null, phone, locale),
                Map.of("code", code, "validMinutes", String.valueOf(CODE_VALIDITY.toMinutes())));
    }

    /** Confirms the subscription a link was signed for; false for an invalid or expired link. */
    @Transactional
    public boolean confirmByLink(String token) {
        return signer.verify(CONFIRM, token).flatMap(this::lock).map(this::confirm).orElse(false);
    }

    /** Confirms an SMS subscription by its code; a wrong code counts against a small number of attempts. */
    @Transactional
    public boolean confirmByCode(String phone, String code) {
        Optional<Subscriber> found = Subscriber.<Subscriber>find("phone", phone).withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
        if (found.isEmpty() || found.get().status == Subscriber.Status.CONFIRMED) {
            return found.isPresent();
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

    private boolean confirm(Subscriber subscriber) {
        if (subscriber.status == Subscriber.Status.CONFIRMED) {
            return true;
        }
        Instant now = Instant.now(clock);
        subscriber.status = Subscriber.Status.CONFIRMED;
        subscriber.confirmedAt = now;
        subscriber.codeHash = null;
        String unsubscribe = config.publicBaseUrl() + "/status/subscriptions/unsubscribe?token="
                + signer.sign(UNSUBSCRIBE, subscriber.id, UNSUBSCRIBE_VALIDITY);
        outbox.record(new PublicSubscriberConfirmed(subscriber.id, subscriber.email, subscriber.phone,
                subscriber.locale, now, unsubscribe), now);
        Log.infof("Subscriber %s confirmed", subscriber.id);
        return true;
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
