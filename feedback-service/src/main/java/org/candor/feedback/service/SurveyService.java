package org.candor.feedback.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.candor.feedback.config.FeedbackConfig;
import org.candor.feedback.domain.Purpose;
import org.candor.feedback.domain.QuestionType;
import org.candor.feedback.domain.Survey;
import org.candor.feedback.domain.SurveyDefinition;
import org.candor.feedback.domain.SurveyVersion;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/** Survey definitions: created once, changed only by adding a version. */
@ApplicationScoped
public class SurveyService {

    /** A survey with the content of one of its versions. */
    public record VersionedSurvey(Survey survey, int version, SurveyDefinition definition) {
    }

    private final ObjectMapper json;
    private final FeedbackConfig config;
    private final Clock clock;
    /** Versions never change once stored, so answering reads them from memory. */
    private final Map<SurveyVersion.Key, VersionedSurvey> versions = new ConcurrentHashMap<>();

    SurveyService(ObjectMapper json, FeedbackConfig config, Clock clock) {
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public VersionedSurvey create(String name, Purpose purpose, boolean anonymous, SurveyDefinition definition) {
        validate(definition);
        if (Survey.count("name", name) > 0) {
            throw new ProblemException(Problem.invalid("A survey with this name exists",
                    List.of(Problem.FieldError.field("name", "is already taken"))));
        }
        Survey survey = new Survey();
        survey.id = UUID.randomUUID();
        survey.name = name;
        survey.purpose = purpose;
        survey.anonymous = anonymous;
        survey.currentVersion = 1;
        survey.createdAt = clock.instant();
        survey.persist();
        storeVersion(survey, definition);
        Log.infof("Survey %s created for %s", survey.id, purpose);
        return new VersionedSurvey(survey, 1, definition);
    }

    /** Adds a version; responses to earlier versions keep pointing at theirs. */
    @Transactional
    public VersionedSurvey revise(UUID surveyId, SurveyDefinition definition) {
        validate(definition);
        Survey survey = Survey.<Survey>findByIdOptional(surveyId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> notFound(surveyId));
        survey.currentVersion++;
        storeVersion(survey, definition);
        Log.infof("Survey %s now at version %d", survey.id, survey.currentVersion);
        return new VersionedSurvey(survey, survey.currentVersion, definition);
    }

    @Transactional
    public VersionedSurvey current(UUID surveyId) {
        Survey survey = Survey.<Survey>findByIdOptional(surveyId).orElseThrow(() -> notFound(surveyId));
        return version(survey, survey.currentVersion);
    }

    @Transactional
    public VersionedSurvey version(UUID surveyId, int version) {
        Survey survey = Survey.<Survey>findByIdOptional(surveyId).orElseThrow(() -> notFound(surveyId));
        return version(survey, version);
    }

    @Transactional
    public List<VersionedSurvey> all() {
        return Survey.<Survey>find("order by createdAt desc").list().stream()
                .map(survey -> version(survey, survey.currentVersion)).toList();
    }

    /**
     * A stored version for answering and reminding. The survey entity in it is detached: only its
     * fixed attributes (id, name, purpose, anonymous) may be read.
     */
    public VersionedSurvey stored(UUID surveyId, int version) {
        SurveyVersion.Key key = new SurveyVersion.Key(surveyId, version);
        VersionedSurvey cached = versions.get(key);
        if (cached != null) {
            return cached;
        }
        VersionedSurvey loaded = version(surveyId, version);
        versions.putIfAbsent(key, loaded);
        return loaded;
    }

    public Optional<VersionedSurvey> newestFor(Purpose purpose) {
        return Survey.newestFor(purpose).map(survey -> version(survey, survey.currentVersion));
    }

    VersionedSurvey version(Survey survey, int version) {
        SurveyVersion stored = SurveyVersion.<SurveyVersion>findByIdOptional(new SurveyVersion.Key(survey.id, version))
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND,
                        "Survey " + survey.id + " has no version " + version)));
        return new VersionedSurvey(survey, version, read(stored.definition));
    }

    SurveyDefinition read(String definition) {
        try {
            return json.readValue(definition, SurveyDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored survey definition cannot be read", e);
        }
    }

    private void storeVersion(Survey survey, SurveyDefinition definition) {
        SurveyVersion version = new SurveyVersion();
        version.surveyId = survey.id;
        version.version = survey.currentVersion;
        version.createdAt = clock.instant();
        try {
            version.definition = json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        version.persist();
    }

    /** Every text in every configured language; ids unique; at most one question per score type. */
    private void validate(SurveyDefinition definition) {
        List<Problem.FieldError> errors = new ArrayList<>();
        requireLocales(definition.title(), "title", errors);
        if (definition.questions() == null || definition.questions().isEmpty()) {
            errors.add(Problem.FieldError.field("questions", "must not be empty"));
        } else {
            Set<String> ids = new HashSet<>();
            Set<QuestionType> scoreTypes = new HashSet<>();
            for (int i = 0; i < definition.questions().size(); i++) {
                SurveyDefinition.Question question = definition.questions().get(i);
                String at = "questions[" + i + "]";
                if (question == null) {
                    errors.add(Problem.FieldError.field(at, "must not be null"));
                    continue;
                }
                if (question.id() == null || !question.id().matches("[a-z][a-z0-9-]{0,39}")) {
                    errors.add(Problem.FieldError.field(at + ".id", "must be 1–40 lower-case letters, digits or '-'"));
                } else if (!ids.add(question.id())) {
                    errors.add(Problem.FieldError.field(at + ".id", "is used twice"));
                }
                if (question.type() == null) {
                    errors.add(Problem.FieldError.field(at + ".type", "must not be null"));
                    continue;
                }
                if (question.type().isScale() && !scoreTypes.add(question.type())) {
                    errors.add(Problem.FieldError.field(at + ".type", "only one " + question.type() + " question per survey"));
                }
                requireLocales(question.text(), at + ".text", errors);
                boolean choice = question.type() == QuestionType.SINGLE_CHOICE
                        || question.type() == QuestionType.MULTIPLE_CHOICE;
                if (choice && question.optionsOrEmpty().size() < 2) {
                    errors.add(Problem.FieldError.field(at + ".options", "a choice question needs at least 2 options"));
                }
                if (!choice && !question.optionsOrEmpty().isEmpty()) {
                    errors.add(Problem.FieldError.field(at + ".options", "only choice questions have options"));
                }
                Set<String> optionIds = new HashSet<>();
                for (int j = 0; j < question.optionsOrEmpty().size(); j++) {
                    SurveyDefinition.Option option = question.optionsOrEmpty().get(j);
                    String optionAt = at + ".options[" + j + "]";
                    if (option == null || option.id() == null || !option.id().matches("[a-z0-9][a-z0-9-]{0,39}")) {
                        errors.add(Problem.FieldError.field(optionAt + ".id", "must be 1–40 lower-case letters, digits or '-'"));
                        continue;
                    }
                    if (!optionIds.add(option.id())) {
                        errors.add(Problem.FieldError.field(optionAt + ".id", "is used twice"));
                    }
                    requireLocales(option.label(), optionAt + ".label", errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The survey definition is incomplete", errors));
        }
    }

    private void requireLocales(Map<String, String> texts, String field, List<Problem.FieldError> errors) {
        for (String locale : config.locales()) {
            String text = texts == null ? null : texts.get(locale);
            if (text == null || text.isBlank()) {
                errors.add(Problem.FieldError.field(field + "." + locale, "must not be blank"));
            } else if (text.length() > 500) {
                errors.add(Problem.FieldError.field(field + "." + locale, "must be at most 500 characters"));
            }
        }
    }

    private static ProblemException notFound(UUID surveyId) {
        return new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No survey " + surveyId));
    }
}
