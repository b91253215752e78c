package org.candor.feedback.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.feedback.domain.Purpose;
import org.candor.feedback.domain.ScheduledSend;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import io.quarkus.logging.Log;

/**
 * A survey sent by hand to a segment of the known customers. Starting one only records it as a send that is
 * due now; the send goes out in batches like a wave ({@link TriggerService#dispatchDue()}), so a segment of a
 * million customers holds no long transaction, keeps memory flat, resumes after a crash from its last
 * committed batch and invites each customer once.
 */
@ApplicationScoped
public class CampaignService {

    /** Where a campaign stands. */
    public record Progress(UUID id, UUID surveyId, int surveyVersion, String segment, String country,
            UUID incidentId, Instant startedAt, Instant finishedAt, int invited, int skippedFatigue,
            int skippedOptedOut) {

        static Progress of(ScheduledSend send) {
            return new Progress(send.id, send.surveyId, send.surveyVersion, send.segment, send.country,
                    send.incidentId, send.createdAt, send.doneAt, send.invited, send.skippedFatigue,
                    send.skippedOptedOut);
        }
    }

    private final EntityManager entityManager;
    private final SurveyService surveys;
    private final Clock clock;

    CampaignService(EntityManager entityManager, SurveyService surveys, Clock clock) {
        this.entityManager = entityManager;
        this.surveys = surveys;
        this.clock = clock;
    }

    /**
     * Records the campaign, due now, with the survey's current version. A segment (with its country and
     * incident filters) that matches no known customer is refused (422): nothing would be sent.
     */
    @Transactional
    public Progress start(UUID surveyId, String segment, String country, UUID incidentId) {
        SurveyService.VersionedSurvey survey = surveys.current(surveyId);
        if (!anyCustomer(segment, country, incidentId)) {
            String filters = (country != null ? ", country " + country : "")
                    + (incidentId != null ? ", incident " + incidentId : "");
            throw new ProblemException(new Problem("https://candor.dev/problems/422", "Unprocessable Content", 422,
                    "No known customer is in segment " + segment + filters + ": nobody would be invited",
                    List.of(Problem.FieldError.field("segment", "has no known customer"
                            + (filters.isEmpty() ? "" : " with the given country or incident")))));
        }
        Instant now = clock.instant();
        ScheduledSend send = new ScheduledSend();
        send.id = UUID.randomUUID();
        send.sourceKey = "campaign:" + send.id;
        send.purpose = Purpose.CAMPAIGN;
        send.surveyId = survey.survey().id;
        send.surveyVersion = survey.version();
        send.segment = segment;
        send.country = country;
        send.incidentId = incidentId;
        send.wave = 1;
        send.channel = "CAMPAIGN";
        send.createdAt = now;
        send.dueAt = now;
        send.persist();
        Log.infof("Campaign %s of survey %s started", send.id, surveyId);
        return Progress.of(send);
    }

    /** A campaign of the survey, if there is one with that id. */
    @Transactional
    public Optional<Progress> progress(UUID surveyId, UUID campaignId) {
        return ScheduledSend.<ScheduledSend>findByIdOptional(campaignId)
                .filter(send -> send.purpose == Purpose.CAMPAIGN && surveyId.equals(send.surveyId))
                .map(Progress::of);
    }

    private boolean anyCustomer(String segment, String country, UUID incidentId) {
        StringBuilder sql = new StringBuilder("select 1 from survey_customer c where c.segment = :segment");
        if (country != null) {
            sql.append(" and c.country = :country");
        }
        if (incidentId != null) {
            sql.append(" and exists (select 1 from customer_incident ci where ci.incident_id = :incident"
                    + " and ci.customer_id = c.customer_id)");
        }
        var query = entityManager.createNativeQuery(sql.append(" limit 1").toString())
                .setParameter("segment", segment);
        if (country != null) {
            query.setParameter("country", country);
        }
        if (incidentId != null) {
            query.setParameter("incident", incidentId);
        }
        return !query.getResultList().isEmpty();
    }
}
