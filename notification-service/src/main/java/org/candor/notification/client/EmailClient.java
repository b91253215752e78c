package org.candor.notification.client;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.notification.config.NotificationConfig;
import org.candor.notification.config.NotificationConfig.Email.Transport;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;

/**
 * Hands an email to the SMTP relay, through {@link SmtpTransport} or, when configured, Quarkus
 * Mailer. The Message-ID is derived from the delivery's idempotency key, so a message sent again
 * after a crash carries the same id and mail systems can recognise it. A 5xx reply is permanent;
 * connect errors, timeouts and 4xx are transient.
 */
@ApplicationScoped
public class EmailClient {

    public static final String PROVIDER = "smtp";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How long a message may wait for a free connection before it is given back to the queue. */
    private static final Duration QUEUE_TIMEOUT = Duration.ofSeconds(30);

    private final SmtpTransport smtp;
    private final ReactiveMailer mailer;
    private final NotificationConfig config;
    private final Clock clock;
    private final RateLimiter rate;
    private final String envelopeFrom;
    private final DkimSigning dkim;

    EmailClient(SmtpTransport smtp, ReactiveMailer mailer, NotificationConfig config, Clock clock,
            org.eclipse.microprofile.config.Config settings, DkimSigning dkim) {
        this.smtp = smtp;
        this.dkim = dkim;
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
        this.rate = new RateLimiter(config.email().ratePerSecond());
        this.envelopeFrom = settings.getOptionalValue("quarkus.mailer.bounce-address", String.class)
                .orElse(MimeComposer.address(config.email().from()));
    }

    public String messageId(UUID idempotencyKey) {
        return "<" + idempotencyKey + "@" + config.email().messageIdDomain() + ">";
    }

    /**
     * One email to send: the delivery it belongs to (its id gives the Message-ID), the address, the
     * rendered parts and the headers that depend on the message ({@code Auto-Submitted},
     * {@code List-Unsubscribe}, ...).
     */
    public record Outgoing(UUID deliveryId, String to, String subject, String text, String html,
            List<MimeComposer.Header> headers) {
    }

    public SendResult send(UUID idempotencyKey, String to, String subject, String text, String html) {
        return send(new Outgoing(idempotencyKey, to, subject, text, html, List.of()));
    }

    /**
     * Sends one email. An address that cannot be sent (an invalid internationalised domain, a
     * non-ASCII local part where the relay does not offer SMTPUTF8) is a permanent failure of this
     * delivery alone, with the reason.
     */
    public SendResult send(Outgoing email) {
        String messageId = messageId(email.deliveryId());
        EmailAddress address = EmailAddress.of(email.to());
        if (config.email().transport() == Transport.MAILER) {
            rate.acquire();
            sendThroughMailer(email, address, messageId);
        } else {
            byte[] message = compose(email, address, messageId);
            rate.acquire();
            await(smtp.send(envelopeFrom, address.envelope(), address.needsSmtpUtf8(), MimeComposer.data(message)));
        }
        return new SendResult(PROVIDER, messageId);
    }

    /** The whole message as the relay receives it (for the SMTP transport), DKIM-signed when signing is on. */
    public byte[] compose(Outgoing email, EmailAddress address, String messageId) {
        return dkim.sign(MimeComposer.message(new MimeComposer.Email(config.email().from(), config.email().sender().orElse(null),
                config.email().replyTo().orElse(null), address.envelope(), email.subject(), messageId,
                clock.instant().atZone(java.time.ZoneOffset.UTC), email.headers(), email.text(), email.html())));
    }

    private void await(CompletableFuture<String> sending) {
        try {
            try {
                sending.get(QUEUE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException waitedTooLong) {
                if (smtp.abandon(sending)) {
                    throw new TransientDeliveryException("SMTP: no free connection within " + QUEUE_TIMEOUT, waitedTooLong);
                }
                // Already in a connection: its reply timeouts end it, and its outcome must be known.
                sending.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientDeliveryException("SMTP: interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SmtpTransport.ExtensionMissingException missing) {
                throw new PermanentDeliveryException(missing.getMessage());
            }
            if (e.getCause() instanceof SmtpTransport.RefusedException refused && refused.isPermanent()) {
                throw new PermanentDeliveryException("SMTP refused the message: " + refused.code());
            }
            throw new TransientDeliveryException("SMTP: " + (e.getCause() instanceof SmtpTransport.RefusedException refused
                    ? "reply " + refused.code() : e.getCause().getClass().getSimpleName() + " " + e.getCause().getMessage()),
                    e.getCause());
        }
    }

    private void sendThroughMailer(Outgoing email, EmailAddress address, String messageId) {
        if (address.needsSmtpUtf8()) {
            // The Vert.x mail client under Quarkus Mailer does not ask for SMTPUTF8.
            throw new PermanentDeliveryException("the mailer transport cannot send to an address with a non-ASCII local part");
        }
        Mail mail = Mail.withHtml(address.envelope(), email.subject(), email.html()).setText(email.text())
                .setFrom(config.email().from()).addHeader("Message-ID", messageId);
        config.email().replyTo().ifPresent(mail::setReplyTo);
        config.email().sender().ifPresent(sender -> mail.addHeader("Sender", sender));
        for (MimeComposer.Header header : email.headers()) {
            mail.addHeader(header.name(), header.value());
        }
        try {
            mailer.send(mail).await().atMost(TIMEOUT);
        } catch (RuntimeException e) {
            SMTPException smtpError = smtpCause(e);
            if (smtpError != null && smtpError.isPermanent()) {
                throw new PermanentDeliveryException("SMTP refused the message: " + smtpError.getReplyCode());
            }
            throw new TransientDeliveryException("SMTP: " + (smtpError != null ? "reply " + smtpError.getReplyCode()
                    : e.getClass().getSimpleName()), e);
        }
    }

    private static SMTPException smtpCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SMTPException smtp) {
                return smtp;
            }
        }
        return null;
    }
}
