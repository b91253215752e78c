package org.candor.feedback.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.feedback.domain.Invitation;
import org.candor.feedback.domain.QuestionType;
import org.candor.feedback.domain.SurveyDefinition;
import org.candor.platform.outbox.Outbox;
import org.hibernate.Session;
import org.hibernate.jdbc.ReturningWork;

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
     * @param locale the invitation's language (null when the link names no invitation)
     * @param answers question id → the values given so far
     * @param offerCallback whether the person may ask to be called back (not in anonymous surveys)
     */
    public record Form(Status status, String locale, SurveyService.VersionedSurvey survey,
            Map<String, List<String>> answers, boolean contactConsent, boolean offerCallback,
            Map<String, AnswerError> errors, boolean submitted) {

        static Form refused(Status status, Link link) {
            return new Form(status, link == null ? null : link.locale, null, Map.of(), false, false, Map.of(), false);
        }
    }

    static final int MAX_TEXT = 2000;

    private static final String LOCK_LINK = """
            select i.survey_id, i.survey_version, i.customer_id, i.incident_id, i.wave, i.locale, i.country,
                i.segment, i.channel, i.opened_at, i.answered_at, r.answers, coalesce(r.contact_consent, false)
            from invitation i left join survey_response r on r.invitation_id = i.id
            where i.id = ?
            for update of i""";

    private static final String MARK_OPENED = "update invitation set opened_at = ? where id = ? and opened_at is null";

    // The pending note is what RollupService folds into the rollup and announces (ResponseReceived), in
    // batches: no row shared with other submissions is locked here.
    private static final String STORE = """
            with saved as (
                insert into survey_response (id, invitation_id, survey_id, survey_version, incident_id, wave, locale,
                    country, segment, channel, nps, csat, trust, contact_consent, answers, started_at, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                on conflict (invitation_id) do update set nps = excluded.nps, csat = excluded.csat,
                    trust = excluded.trust, contact_consent = excluded.contact_consent, answers = excluded.answers,
                    submitted_at = excluded.submitted_at
                returning id, survey_id, survey_version, incident_id, wave, locale, country, segment, channel, nps,
                    csat, trust, submitted_at),
            invitation_changed as (
                update invitation set answered_at = coalesce(cast(? as timestamptz), answered_at),
                    opened_at = coalesce(opened_at, cast(? as timestamptz)),
                    customer_id = case when ? then null else customer_id end
                where id = ? and ?),
            noted as (
                insert into rollup_pending (response_id, survey_id, survey_version, incident_id, wave, locale, country,
                    segment, channel, nps, csat, trust, submitted_at)
                select id, survey_id, survey_version, incident_id, wave, locale, country, segment, channel, nps, csat,
                    trust, submitted_at
                from saved where ?)
            select id from saved""";
    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {
    };

    // A submitted answer to an anonymous survey: the response forgets its invitation, and the invitation
    // (whose person was already forgotten) the send it came from and its exact times, which the person's
    // own rows (last invited, a ticket's send) would otherwise match. Days are enough for response rates.
    private static final String UNLINK = """
            with unlinked as (update survey_response set invitation_id = null where id = ?)
            update invitation set scheduled_send_id = null,
                invited_at = date_trunc('day', invited_at, 'UTC'), expires_at = date_trunc('day', expires_at, 'UTC'),
                opened_at = date_trunc('day', opened_at, 'UTC'), answered_at = date_trunc('day', answered_at, 'UTC'),
                reminded_at = date_trunc('day', reminded_at, 'UTC')
            where id = ?""";

    private final SurveyTokens tokens;
    private final SurveyService surveys;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final ObjectMapper json;
    private final Clock clock;

    ResponseService(SurveyTokens tokens, SurveyService surveys, Outbox outbox,
            EntityManager entityManager, ObjectMapper json, Clock clock) {
        this.entityManager = entityManager;
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
            return Form.refused(access.status, access.link);
        }
        Link link = access.link;
        Instant now = clock.instant();
        SurveyService.VersionedSurvey survey = surveys.stored(link.surveyId, link.surveyVersion);
        Map<String, List<String>> answers = link.answers == null ? new LinkedHashMap<>() : read(link.answers);
        SurveyDefinition.Question first = survey.definition().questions().get(0);
        List<String> given = fromLink.get(first.id());
        if (first.type().isScale() && given != null && given.size() == 1 && check(first, given) == null) {
            answers.put(first.id(), given);
            store(link, survey, answers, link.contactConsent, false, true, now);
        } else if (link.openedAt == null) {
            sql(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(MARK_OPENED)) {
                    statement.setObject(1, at(now));
                    statement.setObject(2, link.id);
                    return statement.executeUpdate();
                }
            });
        }
        return new Form(Status.OPEN, link.locale, survey, answers, link.contactConsent, offersCallback(survey),
                Map.of(), false);
    }

    /**
     * Keeps the answers given (partial is fine) and, when {@code submit}, completes the response:
     * required questions must then be answered. A completed response cannot change.
     */
    @Transactional
    public Form answer(String token, Map<String, List<String>> given, boolean contactConsent, boolean submit) {
        Access access = access(token);
        if (access.status != Status.OPEN) {
            return Form.refused(access.status, access.link);
        }
        Link link = access.link;
        SurveyService.VersionedSurvey survey = surveys.stored(link.surveyId, link.surveyVersion);
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
            return new Form(Status.OPEN, link.locale, survey, shown, consent, offersCallback(survey), errors, false);
        }
        Instant now = clock.instant();
        Stored response = store(link, survey, answers, consent, submit, false, now);
        if (submit) {
            followUp(link, response, now);
            Log.infof("Response %s submitted to survey %s", response.id, link.surveyId);
        }
        return new Form(Status.OPEN, link.locale, survey, answers, consent, offersCallback(survey), Map.of(), submit);
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

    /** An invitation as answering needs it, with its response so far (answers null when there is none). */
    private record Link(UUID id, UUID surveyId, int surveyVersion, String customerId, UUID incidentId, int wave,
            String locale, String country, String segment, String channel, Instant openedAt, Instant answeredAt,
            String answers, boolean contactConsent) {
    }

    private record Access(Status status, Link link) {
    }

    /** A stored response, as the follow-up needs it. */
    private record Stored(UUID id, Short nps, Short trust, boolean contactConsent) {
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
        UUID id = checked.invitationId();
        // One round trip: the invitation, locked (two submissions through one link at once must not both
        // count), and its response so far.
        Link link = sql(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(LOCK_LINK)) {
                statement.setObject(1, id);
                try (ResultSet row = statement.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    return new Link(id, row.getObject(1, UUID.class), row.getInt(2), row.getString(3),
                            row.getObject(4, UUID.class), row.getInt(5), row.getString(6), row.getString(7),
                            row.getString(8), row.getString(9), instant(row, 10), instant(row, 11), row.getString(12),
                            row.getBoolean(13));
                }
            }
        });
        if (link == null) {
            return new Access(Status.UNKNOWN, null);
        }
        if (link.answeredAt != null) {
            return new Access(Status.ANSWERED, link);
        }
        return new Access(Status.OPEN, link);
    }

    /**
     * Stores the answers as the link's response, in one statement: the response (new, or the partial one
     * updated), what changes on the invitation and, when submitted, the pending note that
     * {@link RollupService} folds into the rollup.
     */
    private Stored store(Link link, SurveyService.VersionedSurvey survey, Map<String, List<String>> answers,
            boolean consent, boolean submit, boolean opening, Instant now) {
        Short nps = score(survey.definition(), QuestionType.NPS, answers);
        Short csat = score(survey.definition(), QuestionType.CSAT, answers);
        Short trust = score(survey.definition(), QuestionType.TRUST, answers);
        // An anonymous survey keeps no link between a person and their answers.
        boolean forget = survey.survey().anonymous && link.customerId != null && !consent;
        boolean opened = opening && link.openedAt == null;
        boolean touchInvitation = submit || forget || opened;
        String written = write(answers);
        UUID id = sql(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(STORE)) {
                int i = 0;
                statement.setObject(++i, UUID.randomUUID());
                statement.setObject(++i, link.id);
                statement.setObject(++i, link.surveyId);
                statement.setInt(++i, link.surveyVersion);
                statement.setObject(++i, link.incidentId, Types.OTHER);
                statement.setInt(++i, link.wave);
                statement.setString(++i, link.locale);
                statement.setString(++i, link.country);
                statement.setString(++i, link.segment);
                statement.setString(++i, link.channel);
                statement.setObject(++i, nps, Types.SMALLINT);
                statement.setObject(++i, csat, Types.SMALLINT);
                statement.setObject(++i, trust, Types.SMALLINT);
                statement.setBoolean(++i, consent);
                statement.setString(++i, written);
                statement.setObject(++i, at(now));
                statement.setObject(++i, submit ? at(now) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setObject(++i, submit ? at(now) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setObject(++i, opened ? at(now) : null, Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setBoolean(++i, forget);
                statement.setObject(++i, link.id);
                statement.setBoolean(++i, touchInvitation);
                statement.setBoolean(++i, submit);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    return row.getObject(1, UUID.class);
                }
            }
        });
        if (forget && submit) {
            sql(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(UNLINK)) {
                    statement.setObject(1, id);
                    statement.setObject(2, link.id);
                    return statement.executeUpdate();
                }
            });
        }
        return new Stored(id, nps, trust, consent);
    }

    /** A detractor who may be contacted becomes a follow-up (never in an anonymous survey). */
    private void followUp(Link link, Stored response, Instant now) {
        if (!response.contactConsent || link.customerId == null) {
            return;
        }
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
            FollowUpRequested followUp = new FollowUpRequested(UUID.randomUUID(), link.surveyId,
                    link.incidentId, link.customerId, link.locale, kind, score, now);
            outbox.record(followUp, now);
            Log.infof("Follow-up %s requested for response %s", followUp.followUpId(), response.id);
        }
    }

    /** Runs JDBC on the transaction's connection. */
    private <T> T sql(ReturningWork<T> work) {
        return entityManager.unwrap(Session.class).doReturningWork(work);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
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
