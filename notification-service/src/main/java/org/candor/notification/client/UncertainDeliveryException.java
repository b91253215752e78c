package org.candor.notification.client;

/**
 * The request reached the provider but no answer came (read timeout, connection lost after the
 * request was written): the provider may have accepted the message. Until that provider answers the
 * same idempotency key, or the delivery's hold runs out, the message is not offered to another one.
 */
public class UncertainDeliveryException extends TransientDeliveryException {

    private final String provider;

    public UncertainDeliveryException(String provider, String reason, Throwable cause) {
        super(reason, cause);
        this.provider = provider;
    }

    /** The provider that may have the message. */
    public String provider() {
        return provider;
    }
}
