package org.candor.support.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of support-service. */
@ConfigMapping(prefix = "candor.support")
public interface SupportConfig {

    /** Tickets: reopening, lengths. */
    Tickets tickets();

    /** SLA clocks and escalation. */
    Sla sla();

    /** Customer verification in chat. */
    Verification verification();

    /** Live chat. */
    Chat chat();

    /** Compensation claims. */
    Claims claims();

    /** The public contact form. */
    Contact contact();

    /** Queues, SLA policies and the active incident as every ticket request reads them. */
    ReferenceData referenceData();

    interface ReferenceData {
        /**
         * How long they are kept in memory; a change made by another replica is seen after at most
         * this long (one made by this replica at once). 0 reads them on every request.
         */
        @WithDefault("2s")
        Duration maxAge();
    }

    interface Tickets {
        /** How long after resolution a ticket may be reopened. */
        @WithDefault("P14D")
        Duration reopenWindow();

        /** How long after resolution a ticket is closed for good. */
        @WithDefault("P14D")
        Duration closeAfter();

        /** The queue a ticket goes to when none is given. */
        @WithDefault("general")
        String defaultQueue();

        /** The queue of callback tickets opened for dissatisfied survey respondents. */
        @WithDefault("general")
        String callbackQueue();

        /** Longest reply, note or message body, in characters. */
        @WithDefault("10000")
        int maxBodyLength();
    }

    interface Sla {
        /** How often due SLA clocks are checked. */
        @WithDefault("15s")
        String checkInterval();

        /** Share of a target after which the SLA counts as at risk (0–1). */
        @WithDefault("0.8")
        double atRiskRatio();

        /** Where escalations to supervisors are sent (a shared mailbox). */
        @WithDefault("support-supervisors@candor.local")
        String escalationEmail();

        /** Tickets examined per check. */
        @WithDefault("200")
        int batchSize();
    }

    interface Verification {
        /**
         * HMAC-SHA256 key for verification codes, resume tokens and the hashes of customers' contact
         * details; at least 32 bytes, the same on every replica. Required in production.
         */
        Optional<String> secret();

        /** How long a one-time code stays valid. */
        @WithDefault("10m")
        Duration codeTtl();

        /** How long a resume token lets the customer rejoin their chat after a reconnect. */
        @WithDefault("1h")
        Duration resumeTtl();

        /** Wrong codes allowed per chat session, over all its codes, before verification in that chat ends. */
        @WithDefault("5")
        int maxAttempts();

        /** Codes one chat session may ask for (the first and every resend). */
        @WithDefault("5")
        int maxCodesPerChat();

        /** Codes sent to one customer per hour, over all chat sessions. */
        @WithDefault("5")
        int maxCodesPerCustomerPerHour();
    }

    interface Chat {
        /** Longest chat message, in characters. */
        @WithDefault("2000")
        int maxMessageLength();

        /** Average time an agent spends on one chat, for the wait estimate. */
        @WithDefault("4m")
        Duration averageHandleTime();

        /** The queue chats go to. */
        @WithDefault("breach-hotline")
        String queue();

        /** New chats one address may open per minute (the widget needs no account). */
        @WithDefault("20")
        int maxNewChatsPerMinute();

        /** Kafka topic on which replicas hand chat messages to each other's connections. */
        @WithDefault("candor.support.chat-relay")
        String relayTopic();
    }

    interface Contact {
        /** The queue the form's tickets go to. */
        @WithDefault("general")
        String queue();

        /** Forms one client (real address) may send per minute, for all replicas together. */
        @WithDefault("5")
        int maxSubmissionsPerMinute();

        /**
         * Confirmation mails one email address gets per day: the form needs no account, so anyone can type
         * anyone's address; past this the ticket still opens, but no further mail goes to that address.
         */
        @WithDefault("3")
        int maxConfirmationsPerAddressPerDay();
    }

    interface Claims {
        /**
         * Per ISO 4217 currency, the amount above which a claim needs a supervisor's approval; the sum of a
         * customer's open and approved claims for an incident counts, so splitting one claim changes nothing.
         * A claim in a currency without a threshold is refused.
         */
        Map<String, BigDecimal> approvalThresholds();
    }
}
