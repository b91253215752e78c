package org.candor.compliance.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.domain.ObligationStatus;
import org.candor.compliance.domain.OrganisationProfile;
import org.candor.compliance.rest.ManualObligationRequest;
import org.candor.compliance.rest.OverrideRequest;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

/**
 * What a compliance officer decides against or beside the catalogue: a due time set by hand (earlier or later
 * than computed), an override withdrawn, and obligations the catalogue does not compute. Each needs a reason,
 * and each is in the audit chain with who (the token's subject) and why. The computed due time stays on the
 * obligation beside the override, and recalculation keeps updating it without touching the override.
 */
@ApplicationScoped
public class OverrideService {

    /** The regime of an obligation a compliance officer added. */
    public static final String MANUAL = "MANUAL";
    /** The trigger of a manual obligation: it runs from when it was added. */
    static final String MANUAL_TRIGGER = "MANUAL";

    private final ObligationService obligations;
    private final AuditLog audit;

    OverrideService(ObligationService obligations, AuditLog audit) {
        this.obligations = obligations;
        this.audit = audit;
    }

    /** Sets the obligation's due time by hand; the computed one stays visible beside it. */
    @Transactional
    public Obligation override(UUID obligationId, OverrideRequest request, String actor) {
        Inputs inputs = new Inputs();
        if (request == null) {
            inputs.reject("", "a request body is required");
            inputs.throwIfInvalid("The override is invalid");
        }
        Instant dueAt = inputs.instant("dueAt", request.dueAt());
        String reason = reason(inputs, request.reason());
        inputs.throwIfInvalid("The override has invalid fields");
        Obligation obligation = current(obligationId);
        requirePending(obligation, "overridden");

        Instant now = Instant.now();
        Instant previous = obligation.dueAt;
        boolean previousAsap = obligation.asap;
        obligation.overridden = true;
        obligation.dueAt = dueAt;
        obligation.asap = false;
        obligation.overrideReason = reason;
        obligation.overrideBy = actor;
        obligation.overrideAt = now;
        // The officer has seen the computed value as it is now; a later change of it is flagged.
        obligation.overrideBasisDueAt = obligation.computedDueAt;
        obligation.overrideBasisAsap = obligation.computedAsap;
        if (obligation.status == ObligationStatus.OVERDUE && dueAt.isAfter(now)) {
            obligation.status = ObligationStatus.OPEN;
        }
        obligation.updatedAt = now;
        Map<String, Object> details = new HashMap<>();
        details.put("reason", reason);
        details.put("previousDueAt", previous);
        details.put("previousAsap", previousAsap);
        details.put("direction", direction(previous, previousAsap, dueAt));
        obligations.changed(obligation, actor, "obligation.overridden", details, now);
        return obligation;
    }

    /** Puts the computed due time back in force. */
    @Transactional
    public Obligation withdraw(UUID obligationId, String reasonText, String actor) {
        Inputs inputs = new Inputs();
        String reason = reason(inputs, reasonText);
        inputs.throwIfInvalid("Withdrawing the override needs a reason");
        Obligation obligation = current(obligationId);
        if (obligation.manual) {
            throw conflict("A manual obligation has no computed due time to return to; mark it not required instead");
        }
        if (!obligation.overridden) {
            throw conflict("The obligation's due time is not overridden");
        }
        requirePending(obligation, "changed");
        Instant now = Instant.now();
        Instant previous = obligation.dueAt;
        obligation.overridden = false;
        obligation.overrideReason = null;
        obligation.overrideBy = null;
        obligation.overrideAt = null;
        obligation.overrideBasisDueAt = null;
        obligation.overrideBasisAsap = null;
        Map<String, Object> details = new HashMap<>();
        details.put("reason", reason);
        details.put("previousDueAt", previous);
        if (obligation.computedAsap == null) {
            // The catalogue no longer computes this obligation: without the override it is not required.
            obligation.status = ObligationStatus.NOT_REQUIRED;
            obligation.justification = "Its conditions no longer hold (profile, risk assessment or affected population"
                    + " changed); the override that kept it was withdrawn";
        } else {
            obligation.dueAt = obligation.computedDueAt;
            obligation.asap = obligation.computedAsap;
            if (obligation.status == ObligationStatus.OVERDUE && (obligation.dueAt == null || obligation.dueAt.isAfter(now))) {
                obligation.status = ObligationStatus.OPEN;
            }
        }
        obligation.updatedAt = now;
        obligations.changed(obligation, actor, "obligation.override-withdrawn", details, now);
        return obligation;
    }

    /** Adds an obligation the catalogue does not compute; recalculation never changes it. */
    @Transactional
    public Obligation addManual(UUID incidentId, ManualObligationRequest request, String actor) {
        Inputs inputs = new Inputs();
        if (request == null) {
            inputs.reject("", "a request body is required");
            inputs.throwIfInvalid("The obligation is invalid");
        }
        String recipient = text(inputs, "recipient", request.recipient(), 200);
        Instant dueAt = inputs.instant("dueAt", request.dueAt());
        String citation = text(inputs, "citation", request.citation(), 2000);
        String reason = reason(inputs, request.reason());
        inputs.throwIfInvalid("The obligation has invalid fields");
        audit.lockChain();
        if (KnownIncident.findById(incidentId) == null) {
            throw new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No incident " + incidentId));
        }
        Instant now = Instant.now();
        Obligation obligation = new Obligation();
        obligation.id = UUID.randomUUID();
        obligation.incidentId = incidentId;
        obligation.regime = MANUAL;
        obligation.recipient = recipient;
        obligation.trigger = MANUAL_TRIGGER;
        obligation.triggerAssumed = false;
        obligation.triggerAt = now;
        obligation.dueAt = dueAt;
        obligation.asap = false;
        obligation.timezone = OrganisationProfile.current().map(p -> p.timezone).orElse(ZoneId.of("UTC").getId());
        obligation.phased = false;
        obligation.status = ObligationStatus.OPEN;
        obligation.citation = citation;
        obligation.manual = true;
        obligation.overrideReason = reason;
        obligation.overrideBy = actor;
        obligation.overrideAt = now;
        obligation.createdAt = now;
        obligation.updatedAt = now;
        obligation.persist();
        Map<String, Object> details = new HashMap<>();
        details.put("reason", reason);
        details.put("recipient", recipient);
        details.put("citation", citation);
        obligations.changed(obligation, actor, "obligation.added", details, now);
        return obligation;
    }

    /** The obligation as last committed: every change holds the audit chain's lock, so after taking it, a read is current. */
    private Obligation current(UUID obligationId) {
        audit.lockChain();
        return Obligation.<Obligation>findByIdOptional(obligationId)
                .orElseThrow(() -> new ProblemException(Problem.of(Response.Status.NOT_FOUND, "No obligation " + obligationId)));
    }

    private static void requirePending(Obligation obligation, String what) {
        if (obligation.status == ObligationStatus.FILED || obligation.status == ObligationStatus.LATE_FILED) {
            throw conflict("The obligation is " + obligation.status + " and its due time cannot be " + what);
        }
        if (obligation.status == ObligationStatus.NOT_REQUIRED) {
            throw conflict("The obligation is marked not required (" + obligation.justification + ") and its due time"
                    + " cannot be " + what);
        }
    }

    private static String direction(Instant previous, boolean previousAsap, Instant dueAt) {
        if (previous == null) {
            return previousAsap ? "FIXED" : "SET";
        }
        int order = dueAt.compareTo(previous);
        return order < 0 ? "EARLIER" : order > 0 ? "LATER" : "SAME";
    }

    private static String reason(Inputs inputs, String value) {
        return text(inputs, "reason", value, 2000);
    }

    private static String text(Inputs inputs, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            inputs.reject(field, "is required");
            return null;
        }
        if (value.length() > max) {
            inputs.reject(field, "must be at most " + max + " characters");
            return null;
        }
        return value.strip();
    }

    private static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(Response.Status.CONFLICT, detail));
    }
}
