package org.candor.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.contracts.incident.Severity;
import org.candor.incident.domain.Expert;
import org.candor.incident.domain.Incident;
import org.candor.incident.domain.Phase;
import org.candor.incident.domain.PhaseTransition;
import org.candor.incident.domain.ResponseAction;
import org.candor.incident.domain.RiskAssessment;
import org.candor.platform.outbox.Outbox;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import io.quarkus.logging.Log;

/** The incident's life: declaration, facts, phases, the response log and risk assessments. */
@ApplicationScoped
public class IncidentService {

    /** The locale whose summary travels in {@link IncidentDeclared}, when present. */
    static final String DEFAULT_LOCALE = "en";

    /** What a commander states about an incident. */
    public record Details(String title, Map<String, String> summaries, Severity severity, Instant detectedAt,
            Instant awareAt, List<DataCategory> dataCategories, List<String> affectedSystems, String attackVector,
            List<Expert> experts) {
    }

    private final Outbox outbox;
    private final Clock clock;

    IncidentService(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Stores the incident and, in the same transaction, the {@link IncidentDeclared} event. */
    @Transactional
    public Incident declare(Details details, String declaredBy) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.phase = Phase.DETECTED;
        incident.declaredAt = Instant.now(clock);
        incident.declaredBy = declaredBy;
        apply(incident, details);
        incident.persist();
        outbox.record(new IncidentDeclared(incident.id, incident.title, primarySummary(incident), incident.severity,
                incident.detectedAt, incident.awareAt, incident.declaredAt), incident.declaredAt);
        outbox.record(detailsChanged(incident), incident.declaredAt);
        Log.infof("Incident %s declared (severity %s)", incident.id, incident.severity);
        return incident;
    }

    /** Replaces the incident's facts; an edit that changes nothing publishes nothing. */
    @Transactional
    public Incident updateDetails(UUID id, Details details) {
        Incident incident = require(id);
        Details before = detailsOf(incident);
        if (before.equals(details)) {
            return incident;
        }
        apply(incident, details);
        outbox.record(detailsChanged(incident), Instant.now(clock));
        return incident;
    }

    /** Moves the incident to {@code target}, which must be its next phase (409 otherwise). */
    @Transactional
    public PhaseTransition transition(UUID id, Phase target, String actor) {
        Incident incident = require(id);
        if (!incident.phase.mayMoveTo(target)) {
            throw new ProblemException(new Problem("https://candor.dev/problems/illegal-transition", "Conflict", 409,
                    "The incident is " + incident.phase + " and cannot move to " + target
                            + incident.phase.next().map(next -> "; the next phase is " + next).orElse("; it is closed"),
                    List.of(Problem.FieldError.field("phase", "must be " + incident.phase.next()
                            .map(Enum::name).orElse("nothing: the incident is closed")))));
        }
        PhaseTransition transition = new PhaseTransition();
        transition.id = UUID.randomUUID();
        transition.incidentId = id;
        transition.fromPhase = incident.phase;
        transition.toPhase = target;
        transition.changedAt = Instant.now(clock);
        transition.changedBy = actor;
        transition.persist();
        incident.phase = target;
        outbox.record(new IncidentPhaseChanged(id, transition.fromPhase.name(), target.name(), transition.changedAt,
                actor), transition.changedAt);
        return transition;
    }

    /** Appends an entry to the response log; a correction must name an entry of the same incident. */
    @Transactional
    public ResponseAction recordAction(UUID id, ResponseAction.Kind kind, String description, Instant occurredAt,
            UUID corrects, String actor) {
        require(id);
        if (corrects != null) {
            ResponseAction corrected = ResponseAction.findById(corrects);
            if (corrected == null || !corrected.incidentId.equals(id)) {
                throw new ProblemException(Problem.invalid("The corrected entry does not exist in this incident",
                        List.of(Problem.FieldError.field("corrects", "no such entry in this incident"))));
            }
        }
        ResponseAction action = new ResponseAction();
        action.id = UUID.randomUUID();
        action.incidentId = id;
        action.kind = kind;
        action.description = description;
        action.occurredAt = occurredAt;
        action.recordedAt = Instant.now(clock);
        action.actor = actor;
        action.corrects = corrects;
        action.persist();
        return action;
    }

    /** Records a risk assessment; its level decides whether affected people must be told. */
    @Transactional
    public RiskAssessment assess(UUID id, RiskAssessment.Level likelihood, RiskAssessment.Level impact,
            String rationale, String actor) {
        require(id);
        RiskAssessment assessment = new RiskAssessment();
        assessment.id = UUID.randomUUID();
        assessment.incidentId = id;
        assessment.likelihood = likelihood;
        assessment.impact = impact;
        assessment.riskLevel = RiskAssessment.RiskLevel.of(likelihood, impact);
        assessment.highRiskToIndividuals = assessment.riskLevel == RiskAssessment.RiskLevel.HIGH_RISK;
        assessment.rationale = rationale;
        assessment.assessedAt = Instant.now(clock);
        assessment.assessedBy = actor;
        assessment.persist();
        outbox.record(new RiskAssessed(id, assessment.id, likelihood.name(), impact.name(),
                assessment.riskLevel.name(), assessment.highRiskToIndividuals, assessment.assessedAt),
                assessment.assessedAt);
        return assessment;
    }

    public Optional<Incident> find(UUID id) {
        return Incident.findByIdOptional(id);
    }

    public Incident require(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("No incident " + id));
    }

    public List<Incident> latest(int limit) {
        return Incident.<Incident>find("order by declaredAt desc").page(0, limit).list();
    }

    public List<PhaseTransition> transitions(UUID id) {
        require(id);
        return PhaseTransition.list("incidentId = ?1 order by changedAt", id);
    }

    public List<ResponseAction> actions(UUID id) {
        require(id);
        return ResponseAction.list("incidentId = ?1 order by recordedAt", id);
    }

    public Optional<RiskAssessment> latestAssessment(UUID id) {
        require(id);
        return RiskAssessment.<RiskAssessment>find("incidentId = ?1 order by assessedAt desc", id).firstResultOptional();
    }

    private static void apply(Incident incident, Details details) {
        incident.title = details.title();
        incident.summaries = new LinkedHashMap<>(details.summaries());
        incident.severity = details.severity();
        incident.detectedAt = details.detectedAt();
        incident.awareAt = details.awareAt();
        incident.dataCategories = new ArrayList<>(details.dataCategories());
        incident.affectedSystems = new ArrayList<>(details.affectedSystems());
        incident.attackVector = details.attackVector();
        incident.experts = new ArrayList<>(details.experts());
    }

    private static Details detailsOf(Incident incident) {
        return new Details(incident.title, Map.copyOf(incident.summaries), incident.severity, incident.detectedAt,
                incident.awareAt, List.copyOf(incident.dataCategories), List.copyOf(incident.affectedSystems),
                incident.attackVector, List.copyOf(incident.experts));
    }

    private IncidentDetailsChanged detailsChanged(Incident incident) {
        return new IncidentDetailsChanged(incident.id, incident.title, Map.copyOf(incident.summaries),
                incident.severity, incident.detectedAt, incident.awareAt, List.copyOf(incident.dataCategories),
                Instant.now(clock));
    }

    private static String primarySummary(Incident incident) {
        return Objects.requireNonNullElseGet(incident.summaries.get(DEFAULT_LOCALE),
                () -> incident.summaries.values().iterator().next());
    }
}
