package org.candor.notification.client;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.quarkus.logging.Log;

/**
 * Sends an SMS through the primary provider and fails over to the secondary when the primary fails
 * transiently or its circuit is open; once the primary's breaker closes again traffic returns to
 * it. A refused number is not tried elsewhere. Every request carries the delivery's idempotency key
 * in the {@code Idempotency-Key} header.
 */
@ApplicationScoped
public class SmsClient {

    private final SmsGatewayClient gateways;

    SmsClient(SmsGatewayClient gateways) {
        this.gateways = gateways;
    }

    public SendResult send(UUID idempotencyKey, String to, String body) {
        try {
            return gateways.viaPrimary(idempotencyKey, to, body);
        } catch (TransientDeliveryException | CircuitBreakerOpenException primaryFailure) {
            Log.debugf("Delivery %s fails over to the secondary SMS provider: %s", idempotencyKey,
                    primaryFailure.getMessage());
            try {
                return gateways.viaSecondary(idempotencyKey, to, body);
            } catch (CircuitBreakerOpenException secondaryFailure) {
                throw new TransientDeliveryException("both SMS providers unavailable", secondaryFailure);
            }
        }
    }
}
