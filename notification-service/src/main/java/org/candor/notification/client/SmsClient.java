package org.candor.notification.client;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.quarkus.logging.Log;

/**
 * Sends an SMS through the primary provider and fails over to the secondary when the primary
 * certainly did not take it (it answered 429, 5xx, 401 or 403, could not be reached, or its circuit
 * is open); once the primary's breaker closes again traffic returns to it. A refused number is not
 * tried elsewhere. Every request carries the delivery's idempotency key in the
 * {@code Idempotency-Key} header.
 *
 * <p>A provider that was sent the message and did not answer may have accepted it: the delivery is
 * then pinned to it ({@link UncertainDeliveryException}) and offered to it again, with the same key,
 * which such a provider answers with the message it already has. Another provider gets it only once
 * the pinned one answers that key without accepting it (429, 5xx, 401, 403), or after the pin's hold.
 */
@ApplicationScoped
public class SmsClient {

    private final SmsGatewayClient gateways;

    SmsClient(SmsGatewayClient gateways) {
        this.gateways = gateways;
    }

    public SendResult send(UUID idempotencyKey, String to, String body) {
        return send(idempotencyKey, to, body, null);
    }

    /**
     * Sends through the providers in order, or first through {@code pinned} (a provider that may
     * already have the message; null when none is).
     */
    public SendResult send(UUID idempotencyKey, String to, String body, String pinned) {
        boolean secondaryFirst = SmsGatewayClient.SECONDARY.equals(pinned);
        TransientDeliveryException first;
        SmsGatewayClient.Answers answers = new SmsGatewayClient.Answers();
        try {
            return via(secondaryFirst, idempotencyKey, to, body, answers);
        } catch (UncertainDeliveryException maybeAccepted) {
            throw maybeAccepted;
        } catch (TransientDeliveryException | CircuitBreakerOpenException failure) {
            // An answer counts even when the quick retry after it found the circuit open or the provider gone.
            if (pinned != null && !answered(failure) && !answers.any()) {
                // Not reached, so not confirmed either: the pinned provider may still have it.
                throw new ProviderFaultException(pinned + " may have the message and cannot be asked now: "
                        + failure.getMessage(), failure);
            }
            first = failure instanceof TransientDeliveryException transientFailure ? transientFailure
                    : new ProviderFaultException(failure.getMessage(), failure);
        }
        Log.debugf("Delivery %s fails over to the other SMS provider: %s", idempotencyKey, first.getMessage());
        try {
            return via(!secondaryFirst, idempotencyKey, to, body, new SmsGatewayClient.Answers());
        } catch (CircuitBreakerOpenException secondFailure) {
            if (first instanceof ProviderFaultException) {
                // Neither provider was asked, or the one asked refused our account: not the message's failure.
                throw new ProviderFaultException("no SMS provider can take it now: " + first.getMessage(), secondFailure);
            }
            throw new TransientDeliveryException("both SMS providers unavailable", secondFailure);
        } catch (UncertainDeliveryException | PermanentDeliveryException secondFailure) {
            throw secondFailure;
        } catch (ProviderFaultException secondFailure) {
            if (first instanceof ProviderFaultException) {
                throw secondFailure;
            }
            throw new TransientDeliveryException(secondFailure.getMessage(), secondFailure);
        }
    }

    private SendResult via(boolean secondary, UUID idempotencyKey, String to, String body,
            SmsGatewayClient.Answers answers) {
        return secondary ? gateways.viaSecondary(idempotencyKey, to, body, answers)
                : gateways.viaPrimary(idempotencyKey, to, body, answers);
    }

    /** Whether the provider answered the request without accepting it, rather than was not reached. */
    private static boolean answered(RuntimeException failure) {
        return failure instanceof ProviderAnsweredException || failure instanceof ProviderFaultException;
    }
}
