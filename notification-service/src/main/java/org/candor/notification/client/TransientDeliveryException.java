package org.candor.notification.client;

/** The provider could not take the message now (connect error, timeout, 429, 5xx): try again later. */
public class TransientDeliveryException extends RuntimeException {

    public TransientDeliveryException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
