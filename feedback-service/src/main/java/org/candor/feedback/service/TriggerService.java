package org.candor.feedback.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.contracts.support.TicketResolved;
import org.candor.feedback.config.FeedbackConfig;
import org.candor.feedback.domain.Invitation;
import org.candor.feedback.domain.Purpose;
import org.candor.feedback.domain.ScheduledSend;
import org.candor.feedback.domain.Trigger;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

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

    /**
     * Sends every scheduled survey that is due, batch by batch; returns how many sends it finished.
     *
     * <p>Each batch is one transaction: the send's row lock, up to {@code wave-batch-size} customers'
     * invitations with their notification requests, and the send's progress. A crash loses at most the
     * batch in flight, which is redone from the last committed progress; another instance skips a send
     * that is being worked on ({@code skip locked}). A batch that fails leaves its send for the next
     * run without holding up the other sends.
     */
    public int dispatchDue() {
        Set<UUID> failed = new HashSet<>();
        int finished = 0;
        while (true) {
            AtomicReference<UUID> current = new AtomicReference<>();
            try {
                Boolean done = QuarkusTransaction.requiringNew().call(() -> sendNextBatch(failed, current));
                if (done == null) {
                    return finished;
                }
                finished += done ? 1 : 0;
            } catch (RuntimeException e) {
                if (current.get() == null) {
                    throw e;
                }
                failed.add(current.get());
                Log.errorf(e, "Scheduled send %s failed; its last batch will be retried", current.get());
            }
        }
    }

    /**
     * One batch of the earliest due send that no other instance is working on, inside the caller's
     * transaction: true when that send is finished, false when more batches follow, null when nothing
     * is due.
     */
    private Boolean sendNextBatch(Set<UUID> excluded, AtomicReference<UUID> current) {
        ScheduledSend send = (ScheduledSend) entityManager.createNativeQuery("""
                select * from scheduled_send
                where done_at is null and due_at <= :now and not (id = any(cast(:excluded as uuid[])))
                order by due_at limit 1 for update skip locked""", ScheduledSend.class)
                .setParameter("now", clock.instant())
                .setParameter("excluded", excluded.stream().map(UUID::toString)
                        .collect(Collectors.joining(",", "{", "}")))
                .getResultStream().findFirst().orElse(null);
        if (send == null) {
            return null;
        }
        current.set(send.id);
        Instant now = clock.instant();
        Optional<SurveyService.VersionedSurvey> survey = surveyOf(send);
        if (survey.isEmpty()) {
            Log.warnf("No %s survey defined: scheduled send %s skipped", send.purpose, send.id);
            send.doneAt = now;
            return true;
        }
        Trigger trigger = switch (send.purpose) {
            case SATISFACTION -> Trigger.TICKET_RESOLVED;
            case TRUST -> Trigger.INCIDENT_RESOLVED;
            case CAMPAIGN -> Trigger.CAMPAIGN;
        };
        InvitationService.Occasion occasion = new InvitationService.Occasion(send.incidentId, send.wave, trigger,
                send.channel == null ? "INCIDENT" : send.channel, send.id);
        List<String> batch = send.customerId != null ? notYetInvited(send, send.customerId)
                : send.purpose == Purpose.CAMPAIGN ? nextCampaignCustomers(send) : nextAffectedCustomers(send);
        int invited = 0;
        for (String customerId : batch) {
            switch (invitations.invite(survey.get(), customerId, occasion)) {
                case INVITED -> invited++;
                case FATIGUED -> send.skippedFatigue++;
                case OPTED_OUT -> send.skippedOptedOut++;
                case UNKNOWN_CUSTOMER -> { }
            }
        }
        send.invited += invited;
        if (!batch.isEmpty()) {
            send.progressCustomerId = batch.get(batch.size() - 1);
        }
        boolean finished = send.customerId != null || batch.size() < config.waveBatchSize();
        if (finished) {
            send.doneAt = now;
        }
        Log.infof("Scheduled send %s: %d of %d invited in this batch%s", send.id, invited, batch.size(),
                finished ? ", send finished" : "");
        return finished;
    }

    /** The survey version of a send: chosen when its first batch goes out, the same for all its batches. */
    private Optional<SurveyService.VersionedSurvey> surveyOf(ScheduledSend send) {
        if (send.surveyId != null) {
            return Optional.of(surveys.stored(send.surveyId, send.surveyVersion));
        }
        Optional<SurveyService.VersionedSurvey> newest = surveys.newestFor(send.purpose);
        newest.ifPresent(survey -> {
            send.surveyId = survey.survey().id;
            send.surveyVersion = survey.version();
        });
        return newest;
    }

    /**
     * The next batch of the incident's affected customers, in id order, after the send's progress.
     * Anyone this send already invited is left out, so even a send redone from the start invites nobody twice.
     */
    private List<String> nextAffectedCustomers(ScheduledSend send) {
        return entityManager.createNativeQuery("""
                select c.customer_id from customer_incident c
                where c.incident_id = :i and c.customer_id > coalesce(cast(:after as varchar), '')
                  and not exists (select 1 from invitation v
                                  where v.scheduled_send_id = :send and v.customer_id = c.customer_id)
                order by c.customer_id limit :n""", String.class)
                .setParameter("i", send.incidentId)
                .setParameter("send", send.id)
                .setParameter("after", send.progressCustomerId)
                .setParameter("n", config.waveBatchSize())
                .getResultList();
    }

    /**
     * The next batch of a campaign's segment (optionally one country's, one incident's), in id order after
     * the send's progress, leaving out anyone this send already invited.
     */
    private List<String> nextCampaignCustomers(ScheduledSend send) {
        StringBuilder sql = new StringBuilder("""
                select c.customer_id from survey_customer c
                where c.segment = :segment and c.customer_id > coalesce(cast(:after as varchar), '')
                  and not exists (select 1 from invitation v
                                  where v.scheduled_send_id = :send and v.customer_id = c.customer_id)""");
        if (send.country != null) {
            sql.append(" and c.country = :country");
        }
        if (send.incidentId != null) {
            sql.append(" and exists (select 1 from customer_incident ci where ci.incident_id = :incident"
                    + " and ci.customer_id = c.customer_id)");
        }
        var query = entityManager.createNativeQuery(sql.append(" order by c.customer_id limit :n").toString(),
                String.class)
                .setParameter("segment", send.segment)
                .setParameter("send", send.id)
                .setParameter("after", send.progressCustomerId)
                .setParameter("n", config.waveBatchSize());
        if (send.country != null) {
            query.setParameter("country", send.country);
        }
        if (send.incidentId != null) {
            query.setParameter("incident", send.incidentId);
        }
        @SuppressWarnings("unchecked")
        List<String> customers = query.getResultList();
        return customers;
    }

    private List<String> notYetInvited(ScheduledSend send, String customerId) {
        return Invitation.count("scheduledSendId = ?1 and customerId = ?2", send.id, customerId) == 0
                ? List.of(customerId) : List.of();
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
