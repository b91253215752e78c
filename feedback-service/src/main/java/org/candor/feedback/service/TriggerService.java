package org.candor.feedback.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.contracts.support.TicketResolved;
import org.candor.feedback.config.FeedbackConfig;
import org.candor.feedback.domain.Purpose;
import org.candor.feedback.domain.ScheduledSend;
import org.candor.feedback.domain.Trigger;

import io.quarkus.logging.Log;

/**
 * Turns events into surveys that are due later (a resolved ticket, a resolved incident and its
 * follow-up waves) and sends them once they are due.
 */
@ApplicationScoped
public class TriggerService {

    private final EntityManager entityManager;
    private final SurveyService surveys;
    private final InvitationService invitations;
    private final CustomerService customers;
    private final FeedbackConfig config;
    private final Clock clock;

    TriggerService(EntityManager entityManager, SurveyService surveys, InvitationService invitations,
            CustomerService customers, FeedbackConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.surveys = surveys;
        this.invitations = invitations;
        this.customers = customers;
        this.config = config;
        this.clock = clock;
    }

    /** A resolved ticket of a known customer: a satisfaction survey after the configured delay. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ticketResolved(TicketResolved event) {
        if (event.customerId() == null || event.customerId().isBlank()) {
            return;
        }
        customers.recordTicketCustomer(event.customerId(), event.locale(), event.country());
        schedule("ticket:" + event.ticketId(), Purpose.SATISFACTION, event.incidentId(), event.customerId(), 1,
                event.channel(), event.resolvedAt().plus(config.ticketSurveyDelay()));
    }

    /** An incident whose public status became RESOLVED: the trust survey, then its follow-up waves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void statusUpdated(StatusUpdatePublished event) {
        if (!"RESOLVED".equals(event.status())) {
            return;
        }
        Instant first = event.publishedAt().plus(config.trustSurveyDelay());
        schedule("incident:" + event.incidentId() + ":wave:1", Purpose.TRUST, event.incidentId(), null, 1, "INCIDENT",
                first);
        List<Integer> followUps = config.followUpWaveDays();
        for (int i = 0; i < followUps.size(); i++) {
            int wave = i + 2;
            schedule("incident:" + event.incidentId() + ":wave:" + wave, Purpose.TRUST, event.incidentId(), null, wave,
                    "INCIDENT", first.plus(Duration.ofDays(followUps.get(i))));
        }
    }

    /** Sends every scheduled survey that is due; returns how many sends it handled. */
    @Transactional
    public int dispatchDue() {
        List<ScheduledSend> due = ScheduledSend.<ScheduledSend>find(
                "doneAt is null and dueAt <= ?1 order by dueAt", clock.instant())
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).page(0, 100).list();
        for (ScheduledSend send : due) {
            send.doneAt = clock.instant();
            var survey = surveys.newestFor(send.purpose);
            if (survey.isEmpty()) {
                Log.warnf("No %s survey defined: scheduled send %s skipped", send.purpose, send.id);
                continue;
            }
            Trigger trigger = send.purpose == Purpose.SATISFACTION ? Trigger.TICKET_RESOLVED : Trigger.INCIDENT_RESOLVED;
            InvitationService.Occasion occasion = new InvitationService.Occasion(send.incidentId, send.wave, trigger,
                    send.channel == null ? "INCIDENT" : send.channel);
            List<String> recipients = send.customerId != null ? List.of(send.customerId) : affectedCustomers(send.incidentId);
            int invited = 0;
            for (String customerId : recipients) {
                if (invitations.invite(survey.get(), customerId, occasion) == InvitationService.Outcome.INVITED) {
                    invited++;
                }
            }
            Log.infof("Scheduled send %s: %d of %d invited", send.id, invited, recipients.size());
        }
        return due.size();
    }

    @SuppressWarnings("unchecked")
    private List<String> affectedCustomers(UUID incidentId) {
        return entityManager.createNativeQuery(
                "select customer_id from customer_incident where incident_id = :i order by customer_id", String.class)
                .setParameter("i", incidentId)
                .getResultList();
    }

    private void schedule(String sourceKey, Purpose purpose, UUID incidentId, String customerId, int wave,
            String channel, Instant dueAt) {
        if (ScheduledSend.count("sourceKey", sourceKey) > 0) {
            return;
        }
        ScheduledSend send = new ScheduledSend();
        send.id = UUID.randomUUID();
        send.sourceKey = sourceKey;
        send.purpose = purpose;
        send.incidentId = incidentId;
        send.customerId = customerId;
        send.wave = wave;
        send.channel = channel;
        send.dueAt = dueAt;
        send.persist();
    }
}
