package org.candor.platform.messaging;

/**
 * The service stopped while a record was waiting to be retried. The record is neither applied nor
 * dead-lettered, and its offset is not committed: the next consumer of the partition gets it again.
 */
public class ConsumerStoppedException extends RuntimeException {

    public ConsumerStoppedException(String what, Throwable lastFailure) {
        super("Stopped while " + what + " was waiting to be retried", lastFailure);
    }
}
