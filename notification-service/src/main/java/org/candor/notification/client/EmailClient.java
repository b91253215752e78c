package org.candor.notification.client;

import java.time.Duration;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.notification.config.NotificationConfig;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;

/**
 * Hands an email to the SMTP server through Quarkus Mailer. The Message-ID is derived from the
 * delivery's idempotency key, so a message sent again after a crash carries the same id and mail
 * systems can recognise it. A 5xx reply is permanent; connect errors, timeouts and 4xx are transient.
 */
@ApplicationScoped
public class EmailClient {

    public static final String PROVIDER = "smtp";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMailer mailer;
    private final NotificationConfig config;
    private final RateLimiter rate;

    EmailClient(ReactiveMailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.config = config;
        this.rate = new RateLimiter(config.email().ratePerSecond());
    }

    public String messageId(UUID idempotencyKey) {
        return "<" + idempotencyKey + "@" + config.email().messageIdDomain() + ">";
    }

    public SendResult send(UUID idempotencyKey, String to, String subject, String text, String html) {
        String messageId = messageId(idempotencyKey);
        Mail mail = Mail.withHtml(to, subject, html).setText(text).setFrom(config.email().from())
                .addHeader("Message-ID", messageId);
        rate.acquire();
        try {
            mailer.send(mail).await().atMost(TIMEOUT);
            return new SendResult(PROVIDER, messageId);
        } catch (RuntimeException e) {
            SMTPException smtp = smtpCause(e);
            if (smtp != null && smtp.isPermanent()) {
                throw new PermanentDeliveryException("SMTP refused the message: " + smtp.getReplyCode());
            }
            throw new TransientDeliveryException("SMTP: " + (smtp != null ? "reply " + smtp.getReplyCode()
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
