package org.candor.feedback.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.feedback.domain.Invitation;
import org.candor.feedback.domain.QuestionType;
import org.candor.feedback.domain.SurveyDefinition;
import org.candor.feedback.domain.SurveyResponse;
import org.candor.platform.outbox.Outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;

/**
 * Answering through a personal link: open, keep partial answers, submit once. Every kind of link
 * misuse becomes a {@link Status}, never an exception.
 */
@ApplicationScoped
public class ResponseService {

    /** What a link allows. */
    public enum Status { OPEN, TAMPERED, EXPIRED, ANSWERED, UNKNOWN }

    /** Why an answer was refused, per question; the form shows it next to the question. */
    public enum AnswerError { REQUIRED, INVALID, TOO_LONG }

    /**
     * The state of a link's form.
     *
     * @param answers question id → the values given so far
     * @param offerCallback whether the person may ask to be called back (not in anonymous surveys)
     */
    public record Form(Status status, Invitation invitation, SurveyService.VersionedSurvey survey,
            Map<String, List<String>> answers, boolean contactConsent, boolean offerCallback,
            Map<String, AnswerError> errors, boolean submitted) {

        static Form refused(Status status) {
            return new Form(status, null, null, Map.of(), false, false, Map.of(), false);
        }
    }

    static final int MAX_TEXT = 2000;
    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {
    };

    private final SurveyTokens tokens;
    private final SurveyService surveys;
    private final Outbox outbox;
    private final RollupService rollups;
    private final ObjectMapper json;
    private final Clock clock;

    ResponseService(SurveyTokens tokens, SurveyService surveys, Outbox outbox,
            RollupService rollups, ObjectMapper json, Clock clock) {
        this.rollups = rollups;
        this.tokens = tokens;
        this.surveys = surveys;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Opens the form. A score given in the link (answered from the message) is kept as a partial
     * answer; anything invalid in the link is ignored.
     */
    @Transactional
    public Form open(String token, Map<String, List<String>> fromLink) {
        Access access = access(token);
        if (access.status != Status.OPEN) {
            return Form.refused(access.status);
        }
        Invitation invitation = access.invitation;
        if (invitation.openedAt == null) {
            invitation.openedAt = clock.instant();
        }
        SurveyService.VersionedSurvey survey = surveys.stored(invitation.surveyId, invitation.surveyVersion);
        SurveyResponse response = SurveyResponse.<SurveyResponse>find("invitationId", invitation.id).firstResult();
        Map<String, List<String>> answers = response == null ? new LinkedHashMap<>() : read(response.answers);
        Map<String, List<String>> linked = new LinkedHashMap<>();
        SurveyDefinition.Question first = survey.definition().questions().get(0);
        List<String> given = fromLink.get(first.id());
        if (first.type().isScale() && given != null && given.size() == 1 && check(first, given) == null) {
            linked.put(first.id(), given);
        }
        if (!linked.isEmpty()) {
            answers.putAll(linked);
            store(invitation, survey, response, answers, response != null && response.contactConsent);
        }
        return new Form(Status.OPEN, invitation, survey, answers, response != null && response.contactConsent,
                offersCallback(survey), Map.of(), false);
    }

    /**
     * Keeps the answers given (partial is fine) and, when {@code submit}, completes the response:
     * required questions must then be answered. A completed response cannot change.
     */
    @Transactional
    public Form answer(String token, Map<String, List<String>> given, boolean contactConsent, boolean submit) {
        Access access = access(token);
        if (access.status != Status.OPEN) {
            return Form.refused(access.status);
        }
        Invitation invitation = access.invitation;
        SurveyService.VersionedSurvey survey = surveys.stored(invitation.surveyId, invitation.surveyVersion);
        SurveyResponse response = SurveyResponse.<SurveyResponse>find("invitationId", invitation.id).firstResult();
        Map<String, List<String>> answers = new LinkedHashMap<>();
        Map<String, AnswerError> errors = new LinkedHashMap<>();
        for (SurveyDefinition.Question question : survey.definition().questions()) {
            List<String> values = given.getOrDefault(question.id(), List.of()).stream()
                    .map(String::strip).filter(value -> !value.isEmpty()).toList();
            if (values.isEmpty()) {
                if (submit && question.required()) {
                    errors.put(question.id(), AnswerError.REQUIRED);
                }
                continue;
            }
            AnswerError error = check(question, values);
            if (error != null) {
                errors.put(question.id(), error);
            } else {
                answers.put(question.id(), values);
            }
        }
        boolean consent = contactConsent && offersCallback(survey);
        if (!errors.isEmpty()) {
            Map<String, List<String>> shown = new LinkedHashMap<>(given);
            return new Form(Status.OPEN, invitation, survey, shown, consent, offersCallback(survey), errors, false);
        }
        response = store(invitation, survey, response, answers, consent);
        if (submit) {
            complete(invitation, survey, response);
        }
        return new Form(Status.OPEN, invitation, survey, answers, consent, offersCallback(survey), Map.of(), submit);
    }

    /** The person asks never to be surveyed again. Works while the link is valid, even after answering. */
    @Transactional
    public Status optOut(String token, CustomerService customers) {
        SurveyTokens.Checked checked = tokens.check(token);
        if (checked.verdict() == SurveyTokens.Verdict.TAMPERED) {
            return Status.TAMPERED;
        }
        if (checked.verdict() == SurveyTokens.Verdict.EXPIRED) {
            return Status.EXPIRED;
        }
        Invitation invitation = Invitation.findById(checked.invitationId());
        if (invitation == null) {
            return Status.UNKNOWN;
        }
        if (invitation.customerId != null) {
            customers.optOut(invitation.customerId);
        }
        Log.infof("Opt-out through invitation %s", invitation.id);
        return Status.OPEN;
    }

    private record Access(Status status, Invitation invitation) {
    }

    private Access access(String token) {
        SurveyTokens.Checked checked = tokens.check(token);
        switch (checked.verdict()) {
            case TAMPERED -> {
                return new Access(Status.TAMPERED, null);
            }
            case EXPIRED -> {
                return new Access(Status.EXPIRED, null);
            }
            default -> {
            }
        }
        // Locked: two submissions through one link at once must not both count.
        Invitation invitation = Invitation.findById(checked.invitationId(), LockModeType.PESSIMISTIC_WRITE);
        if (invitation == null) {
            return new Access(Status.UNKNOWN, null);
        }
        if (invitation.answeredAt != null) {
            return new Access(Status.ANSWERED, invitation);
        }
        return new Access(Status.OPEN, invitation);
    }

    private SurveyResponse store(Invitation invitation, SurveyService.VersionedSurvey survey, SurveyResponse response,
            Map<String, List<String>> answers, boolean consent) {
        Instant now = clock.instant();
        if (response == null) {
            response = new SurveyResponse();
            response.id = UUID.randomUUID();
            response.invitationId = invitation.id;
            response.surveyId = invitation.surveyId;
            response.surveyVersion = invitation.surveyVersion;
            response.incidentId = invitation.incidentId;
            response.wave = invitation.wave;
            response.locale = invitation.locale;
            response.country = invitation.country;
            response.segment = invitation.segment;
            response.channel = invitation.channel;
            response.startedAt = now;
        }
        response.nps = score(survey.definition(), QuestionType.NPS, answers);
        response.csat = score(survey.definition(), QuestionType.CSAT, answers);
        response.trust = score(survey.definition(), QuestionType.TRUST, answers);
        response.contactConsent = consent;
        response.answers = write(answers);
        response.persist();
        if (survey.survey().anonymous && invitation.customerId != null && !consent) {
            // An anonymous survey keeps no link between a person and their answers.
            invitation.customerId = null;
        }
        return response;
    }

    private void complete(Invitation invitation, SurveyService.VersionedSurvey survey, SurveyResponse response) {
        Instant now = clock.instant();
        response.submittedAt = now;
        invitation.answeredAt = now;
        if (response.contactConsent && invitation.customerId != null) {
            String kind = null;
            Integer score = null;
            if (response.nps != null && response.nps <= 6) {
                kind = "NPS";
                score = (int) response.nps;
            } else if (response.trust != null && response.trust <= 2) {
                kind = "TRUST";
                score = (int) response.trust;
            }
            if (kind != null) {
                FollowUpRequested followUp = new FollowUpRequested(UUID.randomUUID(), response.surveyId,
                        response.incidentId, invitation.customerId, response.locale, kind, score, now);
                outbox.record(followUp, now);
                Log.infof("Follow-up %s requested for response %s", followUp.followUpId(), response.id);
            }
        }
        // Counted in the rollup and announced (ResponseReceived) in batches, in the same way transactionally:
        // no row shared with other submissions is locked here.
        rollups.pending(response.id);
        Log.infof("Response %s submitted to survey %s", response.id, response.surveyId);
    }

    private static AnswerError check(SurveyDefinition.Question question, List<String> values) {
        switch (question.type()) {
            case NPS, CSAT, TRUST -> {
                if (values.size() != 1) {
                    return AnswerError.INVALID;
                }
                try {
                    int score = Integer.parseInt(values.get(0));
                    return score < question.type().min() || score > question.type().max() ? AnswerError.INVALID : null;
                } catch (NumberFormatException e) {
                    return AnswerError.INVALID;
                }
            }
            case SINGLE_CHOICE, MULTIPLE_CHOICE -> {
                if (question.type() == QuestionType.SINGLE_CHOICE && values.size() != 1) {
                    return AnswerError.INVALID;
                }
                var known = question.optionsOrEmpty().stream().map(SurveyDefinition.Option::id)
                        .collect(Collectors.toSet());
                return known.containsAll(values) && new HashSet<>(values).size() == values.size() ? null
                        : AnswerError.INVALID;
            }
            case FREE_TEXT -> {
                if (values.size() != 1) {
                    return AnswerError.INVALID;
                }
                return values.get(0).length() > MAX_TEXT ? AnswerError.TOO_LONG : null;
            }
            default -> {
                return AnswerError.INVALID;
            }
        }
    }

    private static Short score(SurveyDefinition definition, QuestionType type, Map<String, List<String>> answers) {
        return definition.scoreQuestion(type)
                .map(question -> answers.get(question.id()))
                .filter(values -> values != null && values.size() == 1)
                .map(values -> Short.valueOf(values.get(0)))
                .orElse(null);
    }

    private static boolean offersCallback(SurveyService.VersionedSurvey survey) {
        return !survey.survey().anonymous
                && (survey.definition().scoreQuestion(QuestionType.NPS).isPresent()
                        || survey.definition().scoreQuestion(QuestionType.TRUST).isPresent());
    }

    private Map<String, List<String>> read(String answers) {
        try {
            return new LinkedHashMap<>(json.readValue(answers, ANSWERS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers cannot be read", e);
        }
    }

    private String write(Map<String, List<String>> answers) {
        try {
            return json.writeValueAsString(answers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> orEmpty(List<String> values) {
        return values == null ? new ArrayList<>() : values;
    }
}
