package org.candor.incident.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.candor.incident.domain.Phase;
import org.candor.incident.domain.PhaseTransition;
import org.candor.incident.domain.ResponseAction;
import org.candor.incident.domain.RiskAssessment;

/** Requests and views of the incident's phases, response log and risk assessments. */
public final class LifecycleViews {

    private LifecycleViews() {
    }

    /** @param phase the phase to move to: the next one */
    public record TransitionRequest(@NotNull Phase phase) {
    }

    public record TransitionView(UUID id, Phase fromPhase, Phase toPhase, Instant changedAt, String changedBy) {

        static TransitionView of(PhaseTransition transition) {
            return new TransitionView(transition.id, transition.fromPhase, transition.toPhase, transition.changedAt,
                    transition.changedBy);
        }
    }

    /**
     * @param kind IDENTIFICATION, ISOLATION, CREDENTIAL_RESET, MFA_ROLLOUT, PATCHING, ...
     * @param occurredAt when it happened; defaults to now
     * @param corrects the entry this one corrects, if any
     */
    public record ActionRequest(@NotNull ResponseAction.Kind kind, @NotBlank @Size(max = 5000) String description,
            @PastOrPresent OffsetDateTime occurredAt, UUID corrects) {
    }

    public record ActionView(UUID id, ResponseAction.Kind kind, String description, Instant occurredAt,
            Instant recordedAt, String actor, UUID corrects) {

        static ActionView of(ResponseAction action) {
            return new ActionView(action.id, action.kind, action.description, action.occurredAt, action.recordedAt,
                    action.actor, action.corrects);
        }
    }

    /**
     * @param likelihood how likely harm to people is: LOW, MEDIUM, HIGH
     * @param impact how severe that harm would be: LOW, MEDIUM, HIGH
     * @param rationale why
     */
    public record AssessmentRequest(@NotNull RiskAssessment.Level likelihood, @NotNull RiskAssessment.Level impact,
            @NotBlank @Size(max = 5000) String rationale) {
    }

    public record AssessmentView(UUID id, RiskAssessment.Level likelihood, RiskAssessment.Level impact,
            RiskAssessment.RiskLevel riskLevel, boolean highRiskToIndividuals, String rationale, Instant assessedAt,
            String assessedBy) {

        static AssessmentView of(RiskAssessment assessment) {
            return new AssessmentView(assessment.id, assessment.likelihood, assessment.impact, assessment.riskLevel,
                    assessment.highRiskToIndividuals, assessment.rationale, assessment.assessedAt,
                    assessment.assessedBy);
        }
    }
}
