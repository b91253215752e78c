package org.candor.notification.client;

/**
 * The provider answered that it cannot take the message now (429, 5xx): it did not accept it, so
 * another provider may be asked at once.
 */
public class ProviderAnsweredException extends TransientDeliveryException {

    public ProviderAnsweredException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
