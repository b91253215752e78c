package org.candor.feedback.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.feedback.domain.Purpose;
import org.candor.feedback.domain.SurveyDefinition;
import org.candor.feedback.service.SurveyService;

/** A survey at one version. */
public record SurveyView(UUID id, String name, Purpose purpose, boolean anonymous, int version, int currentVersion,
        Map<String, String> title, List<SurveyDefinition.Question> questions, Instant createdAt) {

    static SurveyView of(SurveyService.VersionedSurvey survey) {
        return new SurveyView(survey.survey().id, survey.survey().name, survey.survey().purpose,
                survey.survey().anonymous, survey.version(), survey.survey().currentVersion,
                survey.definition().title(), survey.definition().questions(), survey.survey().createdAt);
    }
}
