package org.candor.contracts.support;

import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.CandorEvent;

/**
 * An affected customer received an assistance offer's activation code (the code itself travels
 * only in the notification request to the customer).
 *
 * @param grantId the grant; each customer gets at most one per offer
 * @param kind e.g. CREDIT_MONITORING or IDENTITY_PROTECTION
 */
public record OfferGranted(UUID grantId, UUID offerId, UUID incidentId, String kind, String customerId,
        Instant grantedAt) implements CandorEvent {

    public static final String TYPE = "candor.assistance.offer-granted.v1";

    @Override
    public String aggregateId() {
        return grantId.toString();
    }
}
