package org.candor.feedback.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How feedback-service asks, reminds and signs. */
@ConfigMapping(prefix = "candor.feedback")
public interface FeedbackConfig {

    /**
     * The HMAC-SHA256 key that signs survey links, at least 32 characters. Required in production;
     * dev and test runs make a random one per start when it is missing.
     */
    Optional<String> tokenSecret();

    /** How long a survey link stays valid. */
    @WithDefault("P14D")
    Duration tokenValidity();

    /**
     * A breakdown by a property of people (segment, country, locale, channel) shows no scores for a group
     * of fewer responses than this: the answers of two or three people are too easy to tell apart.
     */
    @WithDefault("5")
    int minGroupSize();

    /** At most one invitation per customer within this period, across all surveys. */
    @WithDefault("P30D")
    Duration fatiguePeriod();

    /** A non-responder gets the one reminder this long after the invitation. */
    @WithDefault("P4D")
    Duration reminderAfter();

    /** Delay between a resolved ticket and its satisfaction survey. */
    @WithDefault("PT24H")
    Duration ticketSurveyDelay();

    /** Delay between an incident's public status becoming RESOLVED and the first trust survey. */
    @WithDefault("P7D")
    Duration trustSurveyDelay();

    /** Follow-up waves of the trust survey, as days after the first wave. */
    @WithDefault("30,90")
    List<Integer> followUpWaveDays();

    /**
     * Customers per batch when a wave goes out: each batch commits its invitations and notification
     * requests together, and a crash redoes only the batch in flight.
     */
    @WithDefault("500")
    int waveBatchSize();

    /** The public address survey links point at. */
    @WithDefault("http://localhost:8085")
    String publicBaseUrl();

    /** Languages survey texts must be given in; the first is the fallback. */
    @WithDefault("en,de")
    List<String> locales();

    /**
     * Requests per minute one client (remote address) may send to the public survey form and opt-out;
     * enough for a person, not for a script guessing links.
     */
    @WithDefault("60")
    int formRequestsPerMinute();

    /** Whether this instance runs the scheduled sends, reminders and score publication. */
    @WithDefault("true")
    boolean schedulerEnabled();

    /** How often due surveys and reminders are sent. */
    @WithDefault("1m")
    String dispatchInterval();

    /** When the changed scores of each incident are published (Quartz cron, daily). */
    @WithDefault("0 5 0 * * ?")
    String scoreCron();
}
