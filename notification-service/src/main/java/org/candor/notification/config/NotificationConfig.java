package org.candor.notification.config;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How notification-service fans out, renders and delivers. */
@ConfigMapping(prefix = "candor.notification")
public interface NotificationConfig {

    /** Whether this instance runs the fan-out and delivery workers (off for an API-only replica). */
    @WithDefault("true")
    boolean workersEnabled();

    /** How often the fan-out backlog gauges (candor_notification_deliveries_queued...) are measured. */
    @WithDefault("15s")
    java.time.Duration backlogMetricsInterval();

    /** Recipients handled per fan-out transaction (two deliveries each at most). */
    @WithDefault("5000")
    int fanOutChunk();

    /** How often idle workers look for due work they were not woken for. */
    @WithDefault("200ms")
    Duration pollInterval();

    /** How long a claimed delivery stays reserved for its worker; after that it is sent again. */
    @WithDefault("2m")
    Duration lease();

    /** How many attempts a delivery gets before it is FAILED. */
    @WithDefault("6")
    int maxAttempts();

    /** The first retry's delay; each later one doubles it, with up to half of it again as random jitter. */
    @WithDefault("5s")
    Duration retryBase();

    /** The longest delay between two attempts. */
    @WithDefault("15m")
    Duration retryMax();

    /** How often progress events are published for messages still being delivered. */
    @WithDefault("10s")
    Duration progressInterval();

    /**
     * Where the organisation's data-protection officer can be reached (printed in the breach notice) until
     * compliance-service's organisation profile has arrived; from then on its DPO's email.
     */
    @WithDefault("dpo@example.org")
    String dpoContact();

    /**
     * The organisation's name as messages sign it until compliance-service's organisation profile has arrived; from
     * then on its legal name.
     */
    @WithDefault("Candor Demo GmbH")
    String organisation();

    /** How often each replica reads the organisation's identity, to use one another replica applied. */
    @WithDefault("5s")
    Duration organisationCheckInterval();

    /** The public status page, linked from every update. */
    @WithDefault("https://status.example.org")
    String statusPageUrl();

    /** Time zone of a recipient whose country is unknown. */
    @WithDefault("UTC")
    String defaultTimeZone();

    QuietHours quietHours();

    MandatoryNotice mandatoryNotice();

    /**
     * An update addressed to more people than this waits for a second incident commander's approval
     * before anything of it is sent.
     */
    @WithDefault("1000")
    long approvalThreshold();

    /** Where people reach this service's public pages (the opt-out page), as written into links. */
    @WithDefault("http://localhost:8082")
    String publicBaseUrl();

    OptOut optOut();

    ShortLinks shortLinks();

    Email email();

    Sms sms();

    /** The self-service opt-out links every non-mandatory message carries. */
    interface OptOut {

        /** The key the links are signed with (HMAC-SHA256), at least 32 bytes; no default outside dev and test. */
        String secret();

        /** How long a link works after the message was sent. */
        @WithDefault("90d")
        Duration validity();
    }

    /**
     * The short links ({@code <public-base-url>/s/<code>}) that stand for the long signed links in an SMS.
     * They redirect only to Candor's own pages: the origin of {@code public-base-url} and the origins listed here.
     */
    interface ShortLinks {

        /** Further origins (scheme, host and port) of Candor's public pages a short link may lead to, e.g. incident-service's status page. */
        Optional<java.util.List<String>> allowedOrigins();

        /** How long a short link works when the link it stands for does not say (never longer than that link). */
        @WithDefault("90d")
        Duration validity();

        /** How long an expired short link is kept, so its page can say "expired" rather than "unknown". */
        @WithDefault("30d")
        Duration keepExpired();
    }

    /** How a mandatory notice (the GDPR Art. 34 breach notice) uses a person's channels. */
    interface MandatoryNotice {

        /** Which channels a mandatory notice goes on first. */
        enum Channels {
            /** Every channel the person has an address for, at once. */
            ALL,
            /** Email when the person has an address, else SMS; the other channel only after a permanent failure. */
            FALLBACK
        }

        /**
         * {@code all}: every channel at once (the fastest way to reach people); {@code fallback}: one channel
         * first, the other only where the first failed permanently (an SMS only for those email did not reach).
         * Either way a permanent failure on one channel sends the notice on the other if it has not had it.
         */
        @WithDefault("all")
        Channels channels();
    }

    /** Non-urgent SMS wait until the end of quiet hours in the recipient's time zone. */
    interface QuietHours {

        /** Local time at which quiet hours begin. */
        @WithDefault("21:00")
        LocalTime start();

        /** Local time at which quiet hours end. */
        @WithDefault("08:00")
        LocalTime end();
    }

    interface Email {

        /** How emails reach the relay. */
        enum Transport {
            /** {@link org.candor.notification.client.SmtpTransport}: one write per message, pipelined envelope. */
            SMTP,
            /** Quarkus Mailer (Vert.x mail client), for relays that need DKIM, NTLM, XOAUTH2 or a custom trust store. */
            MAILER
        }

        /** SMTP (the default, fast) or MAILER. Both read the relay's settings from {@code quarkus.mailer.*}. */
        @WithDefault("smtp")
        Transport transport();

        /** The author address ({@code From}), e.g. {@code Example Bank <security@example.org>}: a domain the organisation owns, DKIM-aligned. */
        @WithDefault("Candor <notifications@candor.local>")
        String from();

        /** The {@code Sender} header, when the mailbox that sends differs from the author (e.g. a notification system sending for the data-protection team). */
        Optional<String> sender();

        /** Where replies go ({@code Reply-To}), e.g. the support desk's mailbox; without it replies go to {@code from}. */
        Optional<String> replyTo();

        /** Domain part of the Message-ID derived from each delivery's idempotency key. */
        @WithDefault("notification.candor.local")
        String messageIdDomain();

        /** Messages handed to SMTP at the same time. */
        @WithDefault("16")
        int concurrency();

        /** Messages per second at most (0: no limit). */
        @WithDefault("0")
        int ratePerSecond();

        /** Deliveries claimed per worker round. */
        @WithDefault("200")
        int batch();

        /**
         * How long an SMS that a provider left unanswered (it may have accepted it) is offered to that
         * provider alone before another one may send it, risking a second copy.
         */
        @WithDefault("10m")
        Duration uncertainHold();

        /** How long an SMS waits when the providers, not the message, are at fault (401/403, every circuit open). */
        @WithDefault("1m")
        Duration providerFaultHold();

        /** Signs bounce and delivery receipts posted to {@code /api/receipts/email} (HMAC-SHA256 of the body). */
        String receiptSecret();

        Dkim dkim();
    }

    /**
     * DKIM signing (RFC 6376) in this service. Off where the relay or email service provider signs,
     * the usual production setup; on, every email is signed with the key of its {@code From} domain.
     */
    interface Dkim {

        /** Whether this service signs every email (the service refuses to start when the {@code From} domain then has no key). */
        @WithDefault("false")
        boolean enabled();

        /** Keys per sender domain: {@code candor.notification.email.dkim.domains."example.org".selector=...}. */
        java.util.Map<String, DkimKey> domains();
    }

    /** One domain's signing key. */
    interface DkimKey {

        /** The selector: receivers look the public key up at {@code <selector>._domainkey.<domain>}. */
        String selector();

        /**
         * The private key as a PEM file (PKCS#8 or PKCS#1), e.g. a mounted Kubernetes Secret: RSA of 2048 bits
         * or more (rsa-sha256, what every receiver checks) or Ed25519 (ed25519-sha256, RFC 8463).
         */
        Optional<String> privateKeyFile();

        /** The PEM itself, e.g. from an environment variable fed by a Secret; used when there is no file. */
        Optional<String> privateKey();
    }

    interface Sms {

        /** The number or sender id messages come from. */
        @WithDefault("+15005550006")
        String from();

        /** Where providers post delivery receipts (Twilio's StatusCallback); none when empty. */
        Optional<String> statusCallbackUrl();

        /** Deliveries claimed per worker round. */
        @WithDefault("200")
        int batch();

        /**
         * How long an SMS that a provider left unanswered (it may have accepted it) is offered to that
         * provider alone before another one may send it, risking a second copy.
         */
        @WithDefault("10m")
        Duration uncertainHold();

        /** How long an SMS waits when the providers, not the message, are at fault (401/403, every circuit open). */
        @WithDefault("1m")
        Duration providerFaultHold();

        /**
         * The most segments one SMS may take (each is billed, and a concatenated message arrives in parts on
         * some phones): 1 is 160 GSM-7 / 70 UCS-2 characters, more are 153 / 67 each. Longer prose is shortened.
         */
        @WithDefault("1")
        int maxSegments();

        Provider primary();

        Provider secondary();
    }

    /** One Twilio-shaped SMS gateway. */
    interface Provider {

        /** Base URL, e.g. {@code https://api.twilio.com}. */
        String url();

        /** Account SID (the user of basic auth and part of the path). */
        @WithDefault("AC00000000000000000000000000000000")
        String accountSid();

        /** Auth token (the password of basic auth; also signs status callbacks). */
        String authToken();

        /** Requests in flight at the same time. */
        @WithDefault("16")
        int concurrency();

        /** Requests per second at most (0: no limit). */
        @WithDefault("0")
        int ratePerSecond();

        /** How long one request may take. */
        @WithDefault("5s")
        Duration timeout();
    }
}
