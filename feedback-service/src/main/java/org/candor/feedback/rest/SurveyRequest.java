package org.candor.feedback.rest;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.candor.feedback.domain.Purpose;
import org.candor.feedback.domain.SurveyDefinition;

/**
 * A new survey.
 *
 * @param anonymous answers keep no link to the person (and no callback is offered)
 * @param title the title per locale ({@code de} and {@code en} at least)
 */
public record SurveyRequest(@NotBlank @Size(max = 120) String name, @NotNull Purpose purpose, boolean anonymous,
        @NotNull Map<String, String> title, @NotNull List<SurveyDefinition.Question> questions) {

    SurveyDefinition definition() {
        return new SurveyDefinition(title, questions);
    }
}
