package org.candor.feedback.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.feedback.domain.Trigger;

import io.quarkus.logging.Log;

/** A survey sent by hand to a segment of the known customers. */
@ApplicationScoped
public class CampaignService {

    /** Counts of what happened to each matching customer. */
    public record Outcome(int invited, int skippedFatigue, int skippedOptedOut) {
    }

    private final EntityManager entityManager;
    private final SurveyService surveys;
    private final InvitationService invitations;

    CampaignService(EntityManager entityManager, SurveyService surveys, InvitationService invitations) {
        this.entityManager = entityManager;
        this.surveys = surveys;
        this.invitations = invitations;
    }

    @Transactional
    public Outcome run(UUID surveyId, String segment, String country, UUID incidentId) {
        SurveyService.VersionedSurvey survey = surveys.current(surveyId);
        StringBuilder sql = new StringBuilder("select c.customer_id from survey_customer c where c.segment = :segment");
        if (country != null) {
            sql.append(" and c.country = :country");
        }
        if (incidentId != null) {
            sql.append(" and exists (select 1 from customer_incident ci where ci.customer_id = c.customer_id"
                    + " and ci.incident_id = :incident)");
        }
        var query = entityManager.createNativeQuery(sql.append(" order by c.customer_id").toString(), String.class)
                .setParameter("segment", segment);
        if (country != null) {
            query.setParameter("country", country);
        }
        if (incidentId != null) {
            query.setParameter("incident", incidentId);
        }
        @SuppressWarnings("unchecked")
        List<String> customers = query.getResultList();
        int invited = 0;
        int fatigued = 0;
        int optedOut = 0;
        InvitationService.Occasion occasion = new InvitationService.Occasion(incidentId, 1, Trigger.CAMPAIGN, "CAMPAIGN");
        for (String customerId : customers) {
            switch (invitations.invite(survey, customerId, occasion)) {
                case INVITED -> invited++;
                case FATIGUED -> fatigued++;
                case OPTED_OUT -> optedOut++;
                case UNKNOWN_CUSTOMER -> { }
            }
        }
        Log.infof("Campaign of survey %s: %d invited, %d skipped (fatigue), %d skipped (opted out)", surveyId,
                invited, fatigued, optedOut);
        return new Outcome(invited, fatigued, optedOut);
    }
}
