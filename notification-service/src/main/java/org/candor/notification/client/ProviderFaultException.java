package org.candor.notification.client;

/**
 * The provider, not the message, is at fault: it refused our credentials (401, 403), or no provider
 * may be tried now. The delivery is retried later without using up one of its attempts, so a
 * revoked token fails over and raises an alert instead of failing every delivery permanently.
 */
public class ProviderFaultException extends TransientDeliveryException {

    public ProviderFaultException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
