package org.candor.notification.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Orders the three writers of an incident's affected audience so that nobody falls between them: a
 * fan-out chunk of one of its messages and the creation of a new message take it exclusively, the
 * consumer that links customers to the incident takes it shared, each until its transaction ends.
 *
 * <p>So a customer linked while a chunk runs is decided on after that chunk has committed its cursor
 * (below it: an addition; above it: the next chunk, which cannot start before the link has
 * committed, reads them), and a message created meanwhile is either seen by the consumer or created
 * after the link committed. A PostgreSQL transaction-level advisory lock: nothing to clean up, and
 * waiters queue fairly, so a stream of imports does not starve the fan-out.
 */
@ApplicationScoped
public class AudienceLock {

    /** The first key of the two-key advisory lock: this lock's own space (the outbox relay uses one bigint key). */
    private static final int SPACE = 0x61756469; // "audi"

    private final EntityManager entityManager;

    AudienceLock(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Blocks until no other transaction holds the incident's audience in any mode. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void exclusive(UUID incidentId) {
        entityManager.createNativeQuery("select 1 from (select pg_advisory_xact_lock(:space, hashtext(:incident))) l")
                .setParameter("space", SPACE).setParameter("incident", incidentId.toString()).getSingleResult();
    }

    /** Blocks until no other transaction holds the incident's audience exclusively. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void shared(UUID incidentId) {
        entityManager.createNativeQuery("select 1 from (select pg_advisory_xact_lock_shared(:space, hashtext(:incident))) l")
                .setParameter("space", SPACE).setParameter("incident", incidentId.toString()).getSingleResult();
    }
}
