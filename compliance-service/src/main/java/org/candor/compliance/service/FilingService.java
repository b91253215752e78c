package org.candor.compliance.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.candor.compliance.config.CatalogueInForce;
import org.candor.compliance.domain.Filing;
import org.candor.compliance.domain.IncidentTrigger;
import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.domain.ObligationStatus;
import org.candor.compliance.domain.deadline.TriggerKey;
import org.candor.compliance.domain.deadline.TriggerType;
import org.candor.compliance.rest.FilingRequest;
import org.candor.compliance.rest.TriggerRequest;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

/** Triggers learnt later, filings, and obligations judged not required. */
@ApplicationScoped
public class FilingService {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Clock skew tolerated for a submission time. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final ObligationService obligations;
    private final CatalogueInForce catalogues;
    private final AuditLog audit;
    private final AuditCheckpoints checkpoints;

    FilingService(ObligationService obligations, CatalogueInForce catalogues, AuditLog audit,
            AuditCheckpoints checkpoints) {
        this.obligations = obligations;
        this.catalogues = catalogues;
        this.audit = audit;
        this.checkpoints = checkpoints;
    }

    public List<Obligation> obligations(UUID incidentId) {
        requireIncident(incidentId);
        return Obligation.list("incidentId = ?1 order by asap desc, dueAt nulls last, regime", incidentId);
    }

    public List<Filing> filings(UUID obligationId) {
        return Filing.list("obligationId = ?1 order by submittedAt", obligationId);
    }

    /** Records a trigger and recomputes the incident's deadlines. */
    @Transactional
    public void recordTrigger(UUID incidentId, TriggerRequest request, String actor) {
        requireIncident(incidentId);
        Inputs inputs = new Inputs();
        TriggerKey key = null;
        if (request == null) {
            inputs.reject("", "a request body is required");
            inputs.throwIfInvalid("The trigger is invalid");
        }
        try {
            key = TriggerKey.parse(request.type());
            if (key.type() == TriggerType.AWARENESS) {
                inputs.reject("type", "awareness comes from the incident's declaration in incident-service");
            } else if (key.regime() != null && !catalogues.catalogue().contains(key.regime())) {
                inputs.reject("type", "'" + key.regime() + "' is not a regime of the catalogue");
            }
        } catch (IllegalArgumentException e) {
            inputs.reject("type", e.getMessage());
        }
        Instant at = inputs.instant("at", request.at());
        if (at != null && at.isAfter(Instant.now().plus(FUTURE_TOLERANCE))) {
            inputs.reject("at", "must not be in the future");
        }
        inputs.throwIfInvalid("The trigger has invalid fields");
        storeTrigger(incidentId, key.toString(), at, actor);
        obligations.recalculate(incidentId, actor, Instant.now());
    }

    private void storeTrigger(UUID incidentId, String trigger, Instant at, String actor) {
        IncidentTrigger stored = IncidentTrigger.<IncidentTrigger>findByIdOptional(new IncidentTrigger.Key(incidentId, trigger))
                .orElseGet(() -> {
                    IncidentTrigger created = new IncidentTrigger();
                    created.incidentId = incidentId;
                    created.trigger = trigger;
                    return created;
                });
        Instant previous = stored.occurredAt;
        stored.occurredAt = at;
        stored.recordedBy = actor;
        stored.recordedAt = Instant.now();
        stored.persist();
        Map<String, Object> details = new HashMap<>();
        details.put("trigger", trigger);
        details.put("occurredAt", at);
        details.put("previous", previous);
        audit.append(actor, "incident.trigger-recorded", "incident/" + incidentId, details);
    }

    /**
     * Records a filing; the first one settles the obligation as FILED or LATE_FILED. The audit chain is checkpointed
     * after the filing's entries, in the same transaction: what was filed is signed before anyone can act on it.
     */
    @Transactional
    public Filing file(UUID obligationId, FilingRequest request, String actor) {
        Obligation obligation = Obligation.<Obligation>findByIdOptional(obligationId)
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No obligation " + obligationId)));
        Inputs inputs = new Inputs();
        if (request == null) {
            inputs.reject("", "a request body is required");
            inputs.throwIfInvalid("The filing is invalid");
        }
        Instant submittedAt = inputs.instant("submittedAt", request.submittedAt());
        if (submittedAt != null && submittedAt.isAfter(Instant.now().plus(FUTURE_TOLERANCE))) {
            inputs.reject("submittedAt", "must not be in the future");
        }
        required(inputs, "channel", request.channel());
        required(inputs, "reference", request.reference());
        String sha = request.documentSha256() == null ? null : request.documentSha256().toLowerCase(Locale.ROOT);
        if (sha == null || !SHA256.matcher(sha).matches()) {
            inputs.reject("documentSha256", "must be the document's SHA-256 as 64 hex digits");
        }
        Filing.Phase phase = Filing.Phase.INITIAL;
        if (request.phase() != null) {
            try {
                phase = Filing.Phase.valueOf(request.phase());
            } catch (IllegalArgumentException e) {
                inputs.reject("phase", "'" + request.phase() + "' is not one of INITIAL, ADDITIONAL, FINAL");
            }
        }
        boolean late = submittedAt != null && obligation.dueAt != null && submittedAt.isAfter(obligation.dueAt);
        if (late && phase == Filing.Phase.INITIAL && (request.lateReason() == null || request.lateReason().isBlank())) {
            inputs.reject("lateReason", "is required: the filing is after the deadline " + obligation.dueAt
                    + " and the reasons for the delay must accompany it");
        }
        inputs.throwIfInvalid("The filing has invalid fields");

        boolean hasInitial = Filing.count("obligationId = ?1 and phase = ?2", obligationId, Filing.Phase.INITIAL) > 0;
        if (obligation.status == ObligationStatus.NOT_REQUIRED) {
            throw conflict("The obligation is marked not required: " + obligation.justification);
        }
        if (phase == Filing.Phase.INITIAL && hasInitial) {
            throw conflict("The obligation already has its initial filing; send ADDITIONAL or FINAL");
        }
        if (phase != Filing.Phase.INITIAL && !hasInitial) {
            throw conflict(phase + " needs the initial filing first");
        }
        if (phase == Filing.Phase.ADDITIONAL && !obligation.phased) {
            throw conflict(obligation.regime + " does not provide for reporting in phases");
        }

        Instant now = Instant.now();
        Filing filing = new Filing();
        filing.id = UUID.randomUUID();
        filing.obligationId = obligationId;
        filing.phase = phase;
        filing.submittedAt = submittedAt;
        filing.channel = request.channel();
        filing.reference = request.reference();
        filing.documentSha256 = sha;
        filing.filedBy = actor;
        filing.late = late;
        filing.lateReason = request.lateReason();
        filing.recordedAt = now;
        filing.persist();
        Map<String, Object> details = new HashMap<>();
        details.put("obligationId", obligationId);
        details.put("phase", phase.name());
        details.put("submittedAt", submittedAt);
        details.put("reference", filing.reference);
        details.put("documentSha256", sha);
        details.put("late", late);
        audit.append(actor, "filing.recorded", "filing/" + filing.id, details);
        if (phase == Filing.Phase.INITIAL) {
            obligation.status = late ? ObligationStatus.LATE_FILED : ObligationStatus.FILED;
            obligation.updatedAt = now;
            obligations.changed(obligation, actor, "obligation.filed", Map.of("filingId", filing.id), now);
            // A submission starts the clocks of the stages that run from it (e.g. NIS2's final report).
            storeTrigger(obligation.incidentId, TriggerKey.submitted(obligation.regime).toString(), submittedAt, actor);
            obligations.recalculate(obligation.incidentId, actor, now);
        }
        checkpoints.take(now);
        return filing;
    }

    /** Marks an obligation not required, with the justification the breach register keeps. */
    @Transactional
    public Obligation notRequired(UUID obligationId, String justification, String actor) {
        Obligation obligation = Obligation.<Obligation>findByIdOptional(obligationId)
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No obligation " + obligationId)));
        if (justification == null || justification.isBlank()) {
            throw new ProblemException(Problem.invalid("A justification is required",
                    List.of(Problem.FieldError.field("justification", "is required"))));
        }
        if (!obligation.status.pending()) {
            throw conflict("The obligation is " + obligation.status + " and cannot be marked not required");
        }
        Instant now = Instant.now();
        obligation.status = ObligationStatus.NOT_REQUIRED;
        obligation.justification = justification;
        obligation.updatedAt = now;
        obligations.changed(obligation, actor, "obligation.not-required", Map.of("justification", justification), now);
        return obligation;
    }

    private static void required(Inputs inputs, String field, String value) {
        if (value == null || value.isBlank()) {
            inputs.reject(field, "is required");
        }
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(Response.Status.CONFLICT, detail));
    }

    private static void requireIncident(UUID incidentId) {
        if (KnownIncident.findById(incidentId) == null) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No incident " + incidentId));
        }
    }
}
