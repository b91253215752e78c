package org.candor.support.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;

import org.candor.contracts.support.ClaimDecided;
import org.candor.platform.outbox.Outbox;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.support.config.SupportConfig;
import org.candor.support.domain.ClaimStatus;
import org.candor.support.domain.CompensationClaim;
import org.candor.support.domain.Ticket;

import io.quarkus.logging.Log;

/** Compensation claims: submitted by agents, decided by an agent up to the threshold and by a supervisor above it. */
@ApplicationScoped
public class ClaimService {

    private final Outbox outbox;
    private final Notifications notifications;
    private final SupportConfig config;
    private final Clock clock;

    ClaimService(Outbox outbox, Notifications notifications, SupportConfig config, Clock clock) {
        this.outbox = outbox;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public CompensationClaim submit(String customerId, UUID ticketId, UUID incidentId, BigDecimal amount, String currency,
            String reason, String evidence, String actor) {
        UUID incident = incidentId;
        if (ticketId != null) {
            Ticket ticket = Ticket.<Ticket>findByIdOptional(ticketId)
                    .orElseThrow(() -> Problems.invalid("ticketId", "no ticket " + ticketId));
            if (incident == null) {
                incident = ticket.incidentId;
            }
        }
        CompensationClaim claim = new CompensationClaim();
        claim.id = UUID.randomUUID();
        claim.ticketId = ticketId;
        claim.incidentId = incident;
        claim.customerId = customerId;
        claim.amount = amount;
        claim.currency = currency;
        claim.reason = reason;
        claim.evidence = evidence;
        claim.status = amount.compareTo(config.claims().approvalThreshold()) > 0 ? ClaimStatus.PENDING_APPROVAL
                : ClaimStatus.SUBMITTED;
        claim.submittedBy = actor;
        claim.submittedAt = clock.instant();
        claim.persist();
        Log.infof("Claim %s submitted (%s)", claim.id, claim.status);
        return claim;
    }

    /** Approves or rejects; only a supervisor may decide a claim above the threshold. */
    @Transactional
    public CompensationClaim decide(UUID id, boolean approve, String note, String actor, boolean supervisor) {
        CompensationClaim claim = CompensationClaim.<CompensationClaim>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> Problems.notFound("No claim " + id));
        if (!claim.status.isOpen()) {
            throw Problems.conflict("status", "the claim was " + claim.status + " already");
        }
        if (claim.status == ClaimStatus.PENDING_APPROVAL && !supervisor) {
            throw new ProblemException(Problem.of(Response.Status.FORBIDDEN, "A claim above "
                    + config.claims().approvalThreshold() + " needs a supervisor's decision"));
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
        return claim;
    }

    public CompensationClaim get(UUID id) {
        return CompensationClaim.<CompensationClaim>findByIdOptional(id).orElseThrow(() -> Problems.notFound("No claim " + id));
    }

    public List<CompensationClaim> list(ClaimStatus status) {
        return status == null ? CompensationClaim.<CompensationClaim>find("order by submittedAt desc").page(0, 500).list()
                : CompensationClaim.<CompensationClaim>find("status = ?1 order by submittedAt", status).page(0, 500).list();
    }
}
