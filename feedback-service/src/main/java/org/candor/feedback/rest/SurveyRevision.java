package org.candor.feedback.rest;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.candor.feedback.domain.SurveyDefinition;

/** New content for a survey: it becomes the next version. */
public record SurveyRevision(@NotNull Map<String, String> title, @NotNull List<SurveyDefinition.Question> questions) {

    SurveyDefinition definition() {
        return new SurveyDefinition(title, questions);
    }
}
