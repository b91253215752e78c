package org.candor.feedback.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.candor.contracts.feedback.ResponseReceived;
import org.candor.platform.outbox.Outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * What follows a submission, done in batches rather than in each submission's transaction: counting
 * it in the per-day rollup that statistics read, and its {@code ResponseReceived} event. A submission
 * only notes its response as pending (an insert: no row shared with other submissions is locked,
 * and the outbox relay is not woken per answer). A batch takes pending responses, upserts one rollup
 * row per key and writes their events to the outbox, all in one transaction. A job folds every
 * second, and every statistics read folds first, so figures include every response submitted before
 * the read. The pending note itself is written by {@link ResponseService} in the statement that stores
 * the response, and carries what the rollup and the event need: folding looks up no response.
 */
@ApplicationScoped
public class RollupService {

    /** Pending responses folded per transaction. */
    static final int BATCH = 2000;

    // One statement: take a batch of pending notes, add them to the rollup (one upsert per key), and
    // return them for their events. Each note carries what both need.
    private static final String FOLD = """
            with taken as (
                delete from rollup_pending where seq in (
                    select seq from rollup_pending order by seq limit :limit for update)
                returning response_id, survey_id, survey_version, incident_id, wave, locale, country, segment, channel,
                    nps, csat, trust, submitted_at),
            counted as (
                insert into response_rollup (survey_id, incident_id, wave, day, locale, country, segment, channel,
                    shard, responses, nps_counts, csat_counts, trust_counts)
                select r.survey_id, coalesce(r.incident_id, cast(:none as uuid)), r.wave,
                    cast(r.submitted_at at time zone 'UTC' as date), r.locale, r.country, r.segment, r.channel, 0,
                    count(*), array[%s], array[%s], array[%s]
                from taken r
                group by 1, 2, 3, 4, 5, 6, 7, 8
                on conflict (survey_id, incident_id, wave, day, locale, country, segment, channel, shard) do update set
                    responses = response_rollup.responses + excluded.responses,
                    nps_counts = array(select a + b from unnest(response_rollup.nps_counts, excluded.nps_counts)
                        with ordinality as t(a, b, n) order by n),
                    csat_counts = array(select a + b from unnest(response_rollup.csat_counts, excluded.csat_counts)
                        with ordinality as t(a, b, n) order by n),
                    trust_counts = array(select a + b from unnest(response_rollup.trust_counts, excluded.trust_counts)
                        with ordinality as t(a, b, n) order by n))
            select response_id, survey_id, survey_version, incident_id, wave, locale, country, segment, channel,
                nps, csat, trust, submitted_at
            from taken""".formatted(counts("nps", 0, 10), counts("csat", 1, 5), counts("trust", 1, 5));

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Clock clock;

    RollupService(EntityManager entityManager, Outbox outbox, Clock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Folds every pending response, batch by batch, each batch in its own transaction. Waits for a
     * fold running elsewhere rather than skipping its rows, so that a read right after sees every
     * response submitted before it.
     */
    public void foldPending() {
        while (QuarkusTransaction.requiringNew().call(this::foldBatch) == BATCH) {
            // Each batch commits on its own.
        }
    }

    /** Folds one batch; returns how many pending responses it took. */
    private int foldBatch() {
        List<ResponseReceived> events = new ArrayList<>();
        for (Object result : entityManager.createNativeQuery(FOLD)
                .setParameter("limit", BATCH)
                .setParameter("none", StatisticsService.NO_INCIDENT)
                .getResultList()) {
            Object[] row = (Object[]) result;
            events.add(new ResponseReceived((UUID) row[0], (UUID) row[1], ((Number) row[2]).intValue(), (UUID) row[3],
                    ((Number) row[4]).intValue(), (String) row[5], (String) row[6], (String) row[7], (String) row[8],
                    toInteger(row[9]), toInteger(row[10]), toInteger(row[11]), toInstant(row[12])));
        }
        if (!events.isEmpty()) {
            outbox.recordAll(events, clock.instant());
        }
        return events.size();
    }

    private static Integer toInteger(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private static String counts(String column, int min, int max) {
        return IntStream.rangeClosed(min, max)
                .mapToObj(score -> "cast(count(*) filter (where r." + column + " = " + score + ") as int)")
                .collect(Collectors.joining(", "));
    }
}
