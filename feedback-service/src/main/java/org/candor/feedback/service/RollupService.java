package org.candor.feedback.service;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Keeps the per-day rollup that statistics read. A submission only notes its response as pending
 * (an insert, no shared row to lock); pending responses are folded into the rollup in batches,
 * one upsert per rollup key, by a job and before every statistics read, so reads are never stale.
 */
@ApplicationScoped
public class RollupService {

    /** Pending responses folded per statement. */
    static final int BATCH = 5000;

    private static final String FOLD = """
            with batch as (
                delete from rollup_pending where seq in (
                    select seq from rollup_pending order by seq limit :limit for update)
                returning response_id),
            folded as (
            insert into response_rollup (survey_id, incident_id, wave, day, locale, country, segment, channel, shard,
                responses, nps_counts, csat_counts, trust_counts)
            select r.survey_id, coalesce(r.incident_id, cast(:none as uuid)), r.wave,
                cast(r.submitted_at at time zone 'UTC' as date), r.locale, r.country, r.segment, r.channel, 0,
                count(*), array[%s], array[%s], array[%s]
            from batch join survey_response r on r.id = batch.response_id
            where r.submitted_at is not null
            group by 1, 2, 3, 4, 5, 6, 7, 8
            on conflict (survey_id, incident_id, wave, day, locale, country, segment, channel, shard) do update set
                responses = response_rollup.responses + excluded.responses,
                nps_counts = array(select a + b from unnest(response_rollup.nps_counts, excluded.nps_counts)
                    with ordinality as t(a, b, n) order by n),
                csat_counts = array(select a + b from unnest(response_rollup.csat_counts, excluded.csat_counts)
                    with ordinality as t(a, b, n) order by n),
                trust_counts = array(select a + b from unnest(response_rollup.trust_counts, excluded.trust_counts)
                    with ordinality as t(a, b, n) order by n)
            returning 1)
            select count(*) from batch"""
            .formatted(counts("nps", 0, 10), counts("csat", 1, 5), counts("trust", 1, 5));

    private final EntityManager entityManager;

    RollupService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Notes a submitted response for the rollup, inside the submission's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void pending(UUID responseId) {
        entityManager.createNativeQuery("insert into rollup_pending (response_id) values (:id)")
                .setParameter("id", responseId)
                .executeUpdate();
    }

    /**
     * Folds every pending response into the rollup, batch by batch, each batch in its own transaction.
     * Waits for a fold running elsewhere rather than skipping its rows, so that a read right after
     * sees every response submitted before it.
     */
    public void foldPending() {
        while (QuarkusTransaction.requiringNew().call(this::foldBatch) == BATCH) {
            // Each batch commits on its own.
        }
    }

    /** Folds one batch; returns how many pending responses it took. */
    private int foldBatch() {
        return ((Number) entityManager.createNativeQuery(FOLD)
                .setParameter("limit", BATCH)
                .setParameter("none", StatisticsService.NO_INCIDENT)
                .getSingleResult()).intValue();
    }

    private static String counts(String column, int min, int max) {
        return IntStream.rangeClosed(min, max)
                .mapToObj(score -> "cast(count(*) filter (where r." + column + " = " + score + ") as int)")
                .collect(Collectors.joining(", "));
    }
}
