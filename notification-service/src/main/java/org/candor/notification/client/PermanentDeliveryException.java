package org.candor.notification.client;

/** The provider refused the message for good (invalid address or number): retrying cannot help. */
public class PermanentDeliveryException extends RuntimeException {

    public PermanentDeliveryException(String reason) {
        super(reason);
    }
}
