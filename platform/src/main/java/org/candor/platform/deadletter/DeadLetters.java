package org.candor.platform.deadletter;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.platform.messaging.TransientFailures;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * This service's dead letters, as {@link DeadLetterStore} keeps them: listed and looked at without
 * their data, and replayed through {@link DeadLetterReplayer} at most once each (a replayed dead
 * letter is marked so, in the transaction that holds its row locked while the replay runs).
 */
@ApplicationScoped
public class DeadLetters {

    /**
     * One dead letter.
     *
     * @param id its id in this service
     * @param type the event's {@code ce_type}
     * @param eventId the event's {@code ce_id}
     * @param key the Kafka key (an aggregate id)
     * @param reason why it could not be processed
     * @param cause the exception behind it
     * @param deadLetteredAt when it went to the dead-letter topic
     * @param sourceTopic where the record came from
     * @param sourcePartition its partition there
     * @param sourceOffset its offset there
     * @param replayedAt when it was replayed, if it was
     * @param replayOutcome what the replay did
     */
    public record DeadLetter(UUID id, String type, String eventId, String key, String subject, String source,
            String eventTime, String reason, String cause, Instant deadLetteredAt, String sourceTopic,
            Integer sourcePartition, Long sourceOffset, String deadLetterTopic, int deadLetterPartition,
            long deadLetterOffset, Instant replayedAt, String replayOutcome) {
    }

    /** Which dead letters a listing or replay takes; every part optional. */
    public record Filter(String type, Instant from, Instant to, Boolean replayed) {
    }

    /** The outcome of replaying one dead letter. */
    public record Replay(UUID id, String outcome, Instant replayedAt) {
    }

    /** The dead letter is replayed already. */
    public static class AlreadyReplayed extends RuntimeException {
        public AlreadyReplayed(UUID id) {
            super("Dead letter " + id + " was replayed already");
        }
    }

    /** The consumer still refuses the event: nothing is marked, and the dead letter can be replayed again later. */
    public static class StillFailing extends RuntimeException {
        public StillFailing(UUID id, String reason) {
            super(reason);
        }
    }

    private static final String COLUMNS = "id, event_type, event_id, record_key, event_subject, event_source, event_time,"
            + " reason, cause, dead_lettered_at, source_topic, source_partition, source_offset, dlq_topic, dlq_partition,"
            + " dlq_offset, replayed_at, replay_outcome";

    private final EntityManager entityManager;
    private final DeadLetterReplayer replayer;

    DeadLetters(EntityManager entityManager, DeadLetterReplayer replayer) {
        this.entityManager = entityManager;
        this.replayer = replayer;
    }

    /** The dead letters matching {@code filter}, oldest first, at most {@code limit}. */
    public List<DeadLetter> list(Filter filter, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder sql = new StringBuilder("select " + COLUMNS + " from dead_letter where true");
            List<Object> parameters = new ArrayList<>();
            where(filter, sql, parameters);
            sql.append(" order by dead_lettered_at, dlq_partition, dlq_offset limit ").append(limit);
            Query query = entityManager.createNativeQuery(sql.toString());
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(i + 1, parameters.get(i));
            }
            return rows(query);
        });
    }

    public Optional<DeadLetter> find(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> rows(entityManager
                .createNativeQuery("select " + COLUMNS + " from dead_letter where id = ?1").setParameter(1, id))
                .stream().findFirst());
    }

    /**
     * Replays one dead letter: reads its source record, hands it to the consumer and marks it replayed.
     * Throws {@link AlreadyReplayed}, {@link DeadLetterReplayer.NotReplayable} (source gone, no consumer)
     * or {@link StillFailing}; returns empty for an unknown id.
     */
    public Optional<Replay> replay(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<DeadLetter> locked = rows(entityManager
                    .createNativeQuery("select " + COLUMNS + " from dead_letter where id = ?1 for update")
                    .setParameter(1, id));
            if (locked.isEmpty()) {
                return Optional.<Replay>empty();
            }
            DeadLetter letter = locked.get(0);
            if (letter.replayedAt() != null) {
                throw new AlreadyReplayed(id);
            }
            ConsumerRecord<String, String> record = replayer.source(letter);
            try {
                replayer.apply(record);
            } catch (DeadLetterReplayer.NotReplayable e) {
                throw e;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e)) {
                    throw e;
                }
                String reason = PersonalDataScrubber.scrub(e.getMessage() == null ? e.getClass().getName()
                        : e.getMessage(), DeadLetterStore.TEXT);
                Log.warnf("Replay of dead letter %s (%s) failed again: %s", id, letter.type(), reason);
                throw new StillFailing(id, reason);
            }
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            String outcome = "handed to the consumer of " + record.topic() + " (applied once through its inbox)";
            entityManager.createNativeQuery("update dead_letter set replayed_at = ?1, replay_outcome = ?2 where id = ?3")
                    .setParameter(1, now).setParameter(2, outcome).setParameter(3, id).executeUpdate();
            Log.infof("Dead letter %s (%s, event %s) replayed", id, letter.type(), letter.eventId());
            return Optional.of(new Replay(id, outcome, now.toInstant()));
        });
    }

    /** Which of {@code ids} are unknown. */
    public List<UUID> unknown(List<UUID> ids) {
        List<UUID> unknown = new ArrayList<>();
        for (UUID id : ids) {
            if (find(id).isEmpty()) {
                unknown.add(id);
            }
        }
        return unknown;
    }

    private static void where(Filter filter, StringBuilder sql, List<Object> parameters) {
        if (filter.type() != null) {
            parameters.add(filter.type());
            sql.append(" and event_type = ?").append(parameters.size());
        }
        if (filter.from() != null) {
            parameters.add(OffsetDateTime.ofInstant(filter.from(), ZoneOffset.UTC));
            sql.append(" and dead_lettered_at >= ?").append(parameters.size());
        }
        if (filter.to() != null) {
            parameters.add(OffsetDateTime.ofInstant(filter.to(), ZoneOffset.UTC));
            sql.append(" and dead_lettered_at < ?").append(parameters.size());
        }
        if (filter.replayed() != null) {
            sql.append(filter.replayed() ? " and replayed_at is not null" : " and replayed_at is null");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<DeadLetter> rows(Query query) {
        List<Object[]> rows = query.getResultList();
        return rows.stream().map(row -> new DeadLetter((UUID) row[0], (String) row[1], (String) row[2], (String) row[3],
                (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8], instant(row[9]),
                (String) row[10], row[11] == null ? null : ((Number) row[11]).intValue(),
                row[12] == null ? null : ((Number) row[12]).longValue(), (String) row[13], ((Number) row[14]).intValue(),
                ((Number) row[15]).longValue(), instant(row[16]), (String) row[17])).toList();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
