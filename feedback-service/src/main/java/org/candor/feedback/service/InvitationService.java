package org.candor.feedback.service;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.notification.NotificationRequested;
import org.candor.feedback.config.FeedbackConfig;
import org.candor.feedback.domain.Invitation;
import org.candor.feedback.domain.SurveyCustomer;
import org.candor.feedback.domain.SurveyDefinition;
import org.candor.feedback.domain.Trigger;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;

/**
 * Sends invitations and the one reminder, as notification requests with a personal signed link,
 * and enforces the fatigue rule and opt-outs.
 */
@ApplicationScoped
public class InvitationService {

    /** The message types notification-service renders. */
    public static final String INVITATION_MESSAGE = "survey-invitation";
    public static final String REMINDER_MESSAGE = "survey-reminder";
    static final String REQUESTED_BY = "feedback-service";

    /** What became of one attempt to invite. */
    public enum Outcome { INVITED, FATIGUED, OPTED_OUT, UNKNOWN_CUSTOMER }

    /** Where and why an invitation goes; {@code scheduledSendId} is the wave that issues it, if any. */
    public record Occasion(UUID incidentId, int wave, Trigger trigger, String channel, UUID scheduledSendId) {

        public Occasion(UUID incidentId, int wave, Trigger trigger, String channel) {
            this(incidentId, wave, trigger, channel, null);
        }
    }

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final SurveyTokens tokens;
    private final FeedbackConfig config;
    private final Clock clock;

    InvitationService(EntityManager entityManager, Outbox outbox, SurveyTokens tokens, FeedbackConfig config,
            Clock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Invites one customer unless they opted out or were invited (to any survey) within the fatigue
     * period. The fatigue check and the stamp are one conditional update, so two triggers at once
     * cannot both invite.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Outcome invite(SurveyService.VersionedSurvey survey, String customerId, Occasion occasion) {
        Instant now = clock.instant();
        int stamped = entityManager.createNativeQuery("""
                update survey_customer set last_invited_at = :now
                where customer_id = :id and opted_out_at is null
                  and (last_invited_at is null or last_invited_at <= :cutoff)""")
                .setParameter("now", now)
                .setParameter("id", customerId)
                .setParameter("cutoff", now.minus(config.fatiguePeriod()))
                .executeUpdate();
        if (stamped == 0) {
            SurveyCustomer customer = SurveyCustomer.findById(customerId);
            if (customer == null) {
                return Outcome.UNKNOWN_CUSTOMER;
            }
            return customer.optedOutAt != null ? Outcome.OPTED_OUT : Outcome.FATIGUED;
        }
        SurveyCustomer customer = SurveyCustomer.findById(customerId);
        entityManager.refresh(customer);
        Invitation invitation = new Invitation();
        invitation.id = UUID.randomUUID();
        invitation.surveyId = survey.survey().id;
        invitation.surveyVersion = survey.version();
        invitation.customerId = customerId;
        invitation.incidentId = occasion.incidentId();
        invitation.wave = occasion.wave();
        invitation.trigger = occasion.trigger();
        invitation.locale = supportedLocale(customer.locale);
        invitation.country = customer.country;
        invitation.segment = customer.segment;
        invitation.channel = occasion.channel();
        invitation.scheduledSendId = occasion.scheduledSendId();
        invitation.invitedAt = now;
        invitation.expiresAt = now.plus(config.tokenValidity());
        invitation.persist();
        outbox.record(request(invitation, survey.definition(), INVITATION_MESSAGE), now);
        Log.infof("Invitation %s to survey %s (wave %d)", invitation.id, invitation.surveyId, invitation.wave);
        return Outcome.INVITED;
    }

    /**
     * Sends the one reminder to each invitee who has not answered after the reminder delay and whose
     * link is still valid. Returns how many were reminded.
     */
    @Transactional
    public int sendReminders(SurveyService surveys) {
        Instant now = clock.instant();
        List<Invitation> due = Invitation.<Invitation>find("""
                answeredAt is null and remindedAt is null and customerId is not null
                and invitedAt <= ?1 and expiresAt > ?2 order by invitedAt""",
                now.minus(config.reminderAfter()), now).page(0, 500).list();
        int reminded = 0;
        for (Invitation invitation : due) {
            SurveyCustomer customer = SurveyCustomer.findById(invitation.customerId);
            invitation.remindedAt = now;
            if (customer == null || customer.optedOutAt != null) {
                continue;
            }
            SurveyDefinition definition = surveys.stored(invitation.surveyId, invitation.surveyVersion).definition();
            outbox.record(request(invitation, definition, REMINDER_MESSAGE), now);
            reminded++;
        }
        if (reminded > 0) {
            Log.infof("Sent %d survey reminders", reminded);
        }
        return reminded;
    }

    /** The personal link of an invitation; the same every time it is built. */
    public String link(Invitation invitation) {
        return config.publicBaseUrl() + "/survey/" + tokens.issue(invitation.id, invitation.expiresAt);
    }

    private NotificationRequested request(Invitation invitation, SurveyDefinition definition, String messageType) {
        String link = link(invitation);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("surveyTitle", text(definition.title(), invitation.locale));
        parameters.put("surveyLink", link);
        parameters.put("expiresAt", invitation.expiresAt.toString());
        // The first question can be answered from the message: one link per score.
        SurveyDefinition.Question first = definition.questions().get(0);
        if (first.type().isScale()) {
            parameters.put("firstQuestion", text(first.text(), invitation.locale));
            for (int score = first.type().min(); score <= first.type().max(); score++) {
                parameters.put("scoreLink." + score, link + "?" + first.id() + "=" + score);
            }
        }
        return new NotificationRequested(UUID.randomUUID(), "feedback:" + messageType + ":" + invitation.id,
                REQUESTED_BY, messageType, invitation.incidentId,
                new NotificationRequested.Recipient(invitation.customerId, null, null, invitation.locale), parameters,
                false, false);
    }

    /** The customer's language if surveys speak it, else the first configured one. */
    public String supportedLocale(String locale) {
        if (locale != null) {
            String language = locale.split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
            if (config.locales().contains(language)) {
                return language;
            }
        }
        return config.locales().get(0);
    }

    static String text(Map<String, String> texts, String locale) {
        String text = texts.get(locale);
        return text != null ? text : texts.getOrDefault("en", texts.values().iterator().next());
    }
}
