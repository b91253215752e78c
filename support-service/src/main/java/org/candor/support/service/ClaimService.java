package org.candor.support.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.candor.contracts.support.ClaimDecided;
import org.candor.platform.outbox.Outbox;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.support.config.SupportConfig;
import org.candor.support.domain.ClaimKind;
import org.candor.support.domain.ClaimStatus;
import org.candor.support.domain.CompensationClaim;
import org.candor.support.domain.Ticket;

import io.quarkus.logging.Log;

/**
 * Compensation claims, with four eyes on money: whoever submits a claim cannot decide it; it must name a
 * customer the incident affected; a customer has one open claim per incident and kind; and the approval
 * threshold of the claim's currency applies to the customer's claims for the incident together, so a claim
 * split into small ones still needs a supervisor.
 */
@ApplicationScoped
public class ClaimService {

    private final Outbox outbox;
    private final Notifications notifications;
    private final SupportConfig config;
    private final EntityManager entityManager;
    private final Clock clock;

    ClaimService(Outbox outbox, Notifications notifications, SupportConfig config, EntityManager entityManager,
            Clock clock) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.config = config;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** What an agent submits; {@code submittedBy} comes from the token, never from the request. */
    public record Submission(String customerId, UUID ticketId, UUID incidentId, ClaimKind kind, BigDecimal amount,
            String currency, String reason, String evidence) {
    }

    @Transactional
    public CompensationClaim submit(Submission submission, String actor) {
        BigDecimal threshold = threshold(submission.currency());
        UUID incident = submission.incidentId();
        if (submission.ticketId() != null) {
            Ticket ticket = Ticket.<Ticket>findByIdOptional(submission.ticketId())
                    .orElseThrow(() -> Problems.invalid("ticketId", "no ticket " + submission.ticketId()));
            if (incident == null) {
                incident = ticket.incidentId;
            } else if (ticket.incidentId != null && !ticket.incidentId.equals(incident)) {
                throw Problems.invalid("incidentId", "the ticket belongs to incident " + ticket.incidentId);
            }
        }
        if (incident == null) {
            throw Problems.invalid("incidentId", "is required (or a ticketId of a ticket about an incident)");
        }
        // Locking the customer's eligibility row serialises their claims for this incident, so that two claims
        // submitted at once cannot each stay below the threshold.
        if (!lockAffectedCustomer(incident, submission.customerId())) {
            throw new ProblemException(new Problem("https://candor.dev/problems/422", "Unprocessable Content", 422,
                    "A claim must name a customer the incident affected", List.of(Problem.FieldError.field(
                            "customerId", "is not an affected customer of incident " + incident))));
        }
        ClaimKind kind = submission.kind() == null ? ClaimKind.OTHER : submission.kind();
        long open = CompensationClaim.count("incidentId = ?1 and customerId = ?2 and kind = ?3 and status in ?4",
                incident, submission.customerId(), kind, List.of(ClaimStatus.SUBMITTED, ClaimStatus.PENDING_APPROVAL));
        if (open > 0) {
            throw Problems.conflict("kind", "the customer already has an open " + kind + " claim for this incident");
        }
        BigDecimal earlier = claimedBefore(incident, submission.customerId(), submission.currency());
        CompensationClaim claim = new CompensationClaim();
        claim.id = UUID.randomUUID();
        claim.ticketId = submission.ticketId();
        claim.incidentId = incident;
        claim.customerId = submission.customerId();
        claim.kind = kind;
        claim.amount = submission.amount();
        claim.currency = submission.currency();
        claim.reason = submission.reason();
        claim.evidence = submission.evidence();
        claim.status = earlier.add(submission.amount()).compareTo(threshold) > 0 ? ClaimStatus.PENDING_APPROVAL
                : ClaimStatus.SUBMITTED;
        claim.submittedBy = actor;
        claim.submittedAt = clock.instant();
        claim.persist();
        Log.infof("Claim %s submitted (%s)", claim.id, claim.status);
        return claim;
    }

    /** Approves or rejects; never by who submitted it, and a claim above the threshold only by a supervisor. */
    @Transactional
    public CompensationClaim decide(UUID id, boolean approve, String note, String actor, boolean supervisor) {
        CompensationClaim claim = CompensationClaim.<CompensationClaim>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Problems.notFound("No claim " + id));
        if (!claim.status.isOpen()) {
            throw Problems.conflict("status", "the claim was " + claim.status + " already");
        }
        if (claim.submittedBy.equals(actor)) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN,
                    "A claim is decided by someone other than who submitted it"));
        }
        if (claim.status == ClaimStatus.PENDING_APPROVAL && !supervisor) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN, "Claims of this customer for this incident"
                    + " come to more than " + threshold(claim.currency) + " " + claim.currency
                    + ": a supervisor decides"));
        }
        Instant now = clock.instant();
        claim.status = approve ? ClaimStatus.APPROVED : ClaimStatus.REJECTED;
        claim.decidedBy = actor;
        claim.decidedAt = now;
        claim.decisionNote = note;
        outbox.record(new ClaimDecided(claim.id, claim.incidentId, claim.customerId, claim.status.name(), claim.amount,
                claim.currency, actor, now), now);
        String locale = claim.ticketId == null ? "en"
                : Ticket.<Ticket>findByIdOptional(claim.ticketId).map(ticket -> ticket.locale).orElse("en");
        notifications.toCustomer("support:claim-decision:" + claim.id, "compensation-decision", claim.incidentId,
                claim.customerId, locale, Map.of("claimId", claim.id.toString(), "decision", claim.status.name(),
                        "amount", claim.amount.toPlainString(), "currency", claim.currency,
                        "note", note == null ? "" : note), false, now);
        Log.infof("Claim %s %s by %s", claim.id, claim.status, actor);
        return claim;
    }

    public CompensationClaim get(UUID id) {
        return CompensationClaim.<CompensationClaim>findByIdOptional(id).orElseThrow(() -> Problems.notFound("No claim " + id));
    }

    public List<CompensationClaim> list(ClaimStatus status) {
        return status == null ? CompensationClaim.<CompensationClaim>find("order by submittedAt desc").page(0, 500).list()
                : CompensationClaim.<CompensationClaim>find("status = ?1 order by submittedAt", status).page(0, 500).list();
    }

    private BigDecimal threshold(String currency) {
        BigDecimal threshold = config.claims().approvalThresholds().get(currency);
        if (threshold == null) {
            throw Problems.invalid("currency", "no approval threshold is configured for " + currency + " (configured: "
                    + String.join(", ", new TreeSet<>(config.claims().approvalThresholds().keySet())) + ")");
        }
        return threshold;
    }

    private boolean lockAffectedCustomer(UUID incidentId, String customerId) {
        return !entityManager.createNativeQuery("""
                select 1 from affected_customer where incident_id = :incident and customer_id = :customer for update""")
                .setParameter("incident", incidentId).setParameter("customer", customerId)
                .getResultList().isEmpty();
    }

    /** What the customer has claimed for the incident in that currency so far, open or approved. */
    private BigDecimal claimedBefore(UUID incidentId, String customerId, String currency) {
        BigDecimal sum = (BigDecimal) entityManager.createNativeQuery("""
                select coalesce(sum(amount), 0) from compensation_claim
                where incident_id = :incident and customer_id = :customer and currency = :currency
                  and status in ('SUBMITTED', 'PENDING_APPROVAL', 'APPROVED')""")
                .setParameter("incident", incidentId).setParameter("customer", customerId)
                .setParameter("currency", currency).getSingleResult();
        return sum;
    }
}
