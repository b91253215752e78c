package org.candor.feedback.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The content of one survey version, stored as JSON with the version.
 *
 * @param title the title per locale
 * @param questions in the order they are asked
 */
public record SurveyDefinition(Map<String, String> title, List<Question> questions) {

    /**
     * @param id stable within the survey, e.g. {@code nps}
     * @param text the question per locale
     * @param options the choices of a single or multiple choice question
     * @param required whether it must be answered to submit
     */
    public record Question(String id, QuestionType type, Map<String, String> text, List<Option> options,
            boolean required) {

        public List<Option> optionsOrEmpty() {
            return options == null ? List.of() : options;
        }
    }

    /** One choice, with its label per locale. */
    public record Option(String id, Map<String, String> label) {
    }

    public Optional<Question> question(String id) {
        return questions.stream().filter(question -> question.id().equals(id)).findFirst();
    }

    /** The question of a score type, if the survey asks one. */
    public Optional<Question> scoreQuestion(QuestionType type) {
        return questions.stream().filter(question -> question.type() == type).findFirst();
    }
}
