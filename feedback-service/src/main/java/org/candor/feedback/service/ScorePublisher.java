package org.candor.feedback.service;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.feedback.ScoreChanged;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;

/** Publishes each incident's scores when they changed since they were last published. */
@ApplicationScoped
public class ScorePublisher {

    private final EntityManager entityManager;
    private final StatisticsService statistics;
    private final Outbox outbox;
    private final Clock clock;

    ScorePublisher(EntityManager entityManager, StatisticsService statistics, Outbox outbox, Clock clock) {
        this.entityManager = entityManager;
        this.statistics = statistics;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Returns how many incidents' scores were published. */
    @Transactional
    public int publishChanged() {
        Instant now = clock.instant();
        int published = 0;
        List<StatisticsService.ScoreRow> rows = statistics.scores(
                new StatisticsService.Filter(null, null, null, null, null), StatisticsService.Dimension.INCIDENT,
                StatisticsService.Bucket.NONE);
        for (StatisticsService.ScoreRow row : rows) {
            UUID incidentId = UUID.fromString(row.group());
            if (incidentId.equals(StatisticsService.NO_INCIDENT)) {
                continue;
            }
            Object[] last = (Object[]) entityManager.createNativeQuery(
                    "select responses, nps, trust_mean from incident_score where incident_id = :i")
                    .setParameter("i", incidentId).getResultStream().findFirst().orElse(null);
            if (last != null && ((Number) last[0]).longValue() == row.responses()
                    && Objects.equals(decimal(last[1]), row.nps().score())
                    && Objects.equals(decimal(last[2]), row.trustMean())) {
                continue;
            }
            entityManager.createNativeQuery("""
                    insert into incident_score (incident_id, responses, nps, trust_mean, published_at)
                    values (:i, :r, :n, :t, :at) on conflict (incident_id) do update
                    set responses = excluded.responses, nps = excluded.nps, trust_mean = excluded.trust_mean,
                        published_at = excluded.published_at""")
                    .setParameter("i", incidentId)
                    .setParameter("r", (int) row.responses())
                    .setParameter("n", row.nps().score() == null ? null : BigDecimal.valueOf(row.nps().score()))
                    .setParameter("t", row.trustMean() == null ? null : BigDecimal.valueOf(row.trustMean()))
                    .setParameter("at", now)
                    .executeUpdate();
            outbox.record(new ScoreChanged(incidentId, (int) row.responses(), row.nps().score(), row.nps().low(),
                    row.nps().high(), row.trustMean(), now), now);
            published++;
        }
        if (published > 0) {
            Log.infof("Published changed scores of %d incidents", published);
        }
        return published;
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
