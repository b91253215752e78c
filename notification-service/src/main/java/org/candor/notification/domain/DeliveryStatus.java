package org.candor.notification.domain;

/**
 * Where a delivery stands. QUEUED waits for a worker (perhaps until a retry or the end of quiet
 * hours); IN_FLIGHT is claimed by a worker and being handed to a provider; SENT was accepted by the
 * provider; DELIVERED and BOUNCED come from the provider's receipt; FAILED gave up. PAUSED waits
 * while an incident commander holds its message's fan-out; CANCELLED was stopped before it was sent.
 */
public enum DeliveryStatus {
    QUEUED, IN_FLIGHT, SENT, DELIVERED, FAILED, BOUNCED, PAUSED, CANCELLED;

    public boolean pending() {
        return this == QUEUED || this == IN_FLIGHT || this == PAUSED;
    }
}
