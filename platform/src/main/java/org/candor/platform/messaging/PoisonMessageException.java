package org.candor.platform.messaging;

/**
 * A message that can never be processed, however often it is retried: not a CloudEvent, an
 * unknown type, or data that breaks its schema. It goes to the dead-letter topic with this reason.
 */
public class PoisonMessageException extends RuntimeException {

    public PoisonMessageException(String reason) {
        super(reason);
    }

    public PoisonMessageException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
