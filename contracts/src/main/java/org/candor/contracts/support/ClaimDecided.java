package org.candor.contracts.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * A compensation claim was approved or rejected.
 *
 * @param decision APPROVED or REJECTED
 * @param amount the amount claimed
 * @param currency ISO 4217, e.g. EUR
 * @param incidentId the incident the claim concerns, or null
 * @param decidedBy the staff subject who decided
 */
public record ClaimDecided(UUID claimId, UUID incidentId, String customerId, String decision, BigDecimal amount,
        String currency, String decidedBy, Instant decidedAt) implements CandorEvent {

    public static final String TYPE = "candor.assistance.claim-decided.v1";

    @Override
    public String aggregateId() {
        return claimId.toString();
    }
}
