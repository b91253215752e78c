package org.candor.incident.service.publicstatus;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Which version of the public status content is current, so that every replica knows when its cached
 * status page is out of date. Database triggers bump {@code public_status_version} in the same
 * transaction as any change the page shows; each replica reads that number every
 * {@code candor.incident.status-page.version-check-interval} (one indexed single-row read), and a change
 * committed on this replica counts at once ({@link #changedHere()}).
 */
@ApplicationScoped
public class PublicStatusVersion {

    private final EntityManager entityManager;
    private final AtomicLong known = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong localChanges = new AtomicLong();
    private final AtomicBoolean unreachable = new AtomicBoolean();

    PublicStatusVersion(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The latest version this replica has seen in the database. */
    public long known() {
        return known.get();
    }

    /** Counts changes committed on this replica: a cached copy taken before one is out of date. */
    public long localChanges() {
        return localChanges.get();
    }

    /** Reads the current version from the database (and remembers it). */
    @Transactional
    public long read() {
        long version = ((Number) entityManager.createNativeQuery("select version from public_status_version where id = 1")
                .getSingleResult()).longValue();
        known.accumulateAndGet(version, Math::max);
        return version;
    }

    /** A change to public content has been committed on this replica. */
    void changedHere() {
        localChanges.incrementAndGet();
    }

    @Scheduled(every = "${candor.incident.status-page.version-check-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        try {
            read();
            if (unreachable.compareAndSet(true, false)) {
                Log.info("The status page's version check reaches PostgreSQL again");
            }
        } catch (RuntimeException e) {
            if (unreachable.compareAndSet(false, true)) {
                Log.warnf("The status page's version check cannot reach PostgreSQL (%s); the cached page is served",
                        e.getClass().getSimpleName());
            }
        }
    }
}
