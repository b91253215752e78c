package org.candor.notification.client;

import java.time.Clock;
import java.time.Duration;
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

    EmailClient(SmtpTransport smtp, ReactiveMailer mailer, NotificationConfig config, Clock clock,
            org.eclipse.microprofile.config.Config settings) {
        this.smtp = smtp;
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

    public SendResult send(UUID idempotencyKey, String to, String subject, String text, String html) {
        String messageId = messageId(idempotencyKey);
        rate.acquire();
        if (config.email().transport() == Transport.MAILER) {
            sendThroughMailer(messageId, to, subject, text, html);
        } else {
            byte[] message = MimeComposer.compose(new MimeComposer.Email(config.email().from(), to, subject, messageId,
                    clock.instant().atZone(java.time.ZoneOffset.UTC), text, html));
            await(smtp.send(envelopeFrom, to, message));
        }
        return new SendResult(PROVIDER, messageId);
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
            if (e.getCause() instanceof SmtpTransport.RefusedException refused && refused.isPermanent()) {
                throw new PermanentDeliveryException("SMTP refused the message: " + refused.code());
            }
            throw new TransientDeliveryException("SMTP: " + (e.getCause() instanceof SmtpTransport.RefusedException refused
                    ? "reply " + refused.code() : e.getCause().getClass().getSimpleName() + " " + e.getCause().getMessage()),
                    e.getCause());
        }
    }

    private void sendThroughMailer(String messageId, String to, String subject, String text, String html) {
        Mail mail = Mail.withHtml(to, subject, html).setText(text).setFrom(config.email().from())
                .addHeader("Message-ID", messageId);
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
