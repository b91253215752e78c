package org.candor.platform.inbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Remembers which events this service has applied. Call {@link #firstDelivery} in the same
 * transaction as the change the event causes: if that transaction rolls back, so does the mark.
 */
@ApplicationScoped
public class Inbox {

    private final EntityManager entityManager;

    Inbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Marks {@code eventId} as applied and says whether this is its first delivery. A concurrent
     * delivery of the same id waits for the first transaction and then gets {@code false}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(UUID eventId) {
        int inserted = entityManager
                .createNativeQuery("insert into inbox_event (event_id, received_at) values (:id, now()) on conflict do nothing")
                .setParameter("id", eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
