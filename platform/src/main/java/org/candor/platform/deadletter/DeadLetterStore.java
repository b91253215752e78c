package org.candor.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.candor.contracts.CloudEventHeaders;
import org.candor.platform.messaging.ConsumerRetry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads the service's dead-letter topic ({@code candor.dead-letters.topic}) into the {@code dead_letter}
 * table, one row per dead letter: where it came from, its CloudEvents attributes and why it failed,
 * never its data. Redelivery is harmless (one row per dead-letter topic position), and a database
 * outage is waited out, however long it lasts.
 */
@ApplicationScoped
public class DeadLetterStore {

    /** The incoming channel of the service's dead-letter topic. */
    public static final String CHANNEL = "candor-dead-letters";

    static final int TEXT = 2000;

    private final EntityManager entityManager;
    private final ConsumerRetry retry;
    private final DeadLetterConfig config;

    DeadLetterStore(EntityManager entityManager, ConsumerRetry retry, DeadLetterConfig config) {
        this.entityManager = entityManager;
        this.retry = retry;
        this.config = config;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        retry.run("Dead letter " + record.topic() + "-" + record.partition() + "@" + record.offset(), FOREVER,
                () -> QuarkusTransaction.requiringNew().run(() -> store(record)));
    }

    private static final Duration FOREVER = Duration.ofDays(36500);

    private void store(ConsumerRecord<String, String> record) {
        entityManager.createNativeQuery("insert into dead_letter (id, dlq_topic, dlq_partition, dlq_offset,"
                + " dead_lettered_at, source_topic, source_partition, source_offset, record_key, event_id, event_type,"
                + " event_subject, event_source, event_time, reason, cause) values (:id, :topic, :partition, :offset,"
                + " :at, :sourceTopic, :sourcePartition, :sourceOffset, :key, :eventId, :type, :subject, :source, :time,"
                + " :reason, :cause) on conflict (dlq_topic, dlq_partition, dlq_offset) do nothing")
                .setParameter("id", UUID.randomUUID())
                .setParameter("topic", record.topic())
                .setParameter("partition", record.partition())
                .setParameter("offset", record.offset())
                .setParameter("at", OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC))
                .setParameter("sourceTopic", text(record, "dead-letter-topic", 249))
                .setParameter("sourcePartition", number(record, "dead-letter-partition"))
                .setParameter("sourceOffset", number(record, "dead-letter-offset"))
                .setParameter("key", record.key() == null ? null : truncate(record.key(), 400))
                .setParameter("eventId", text(record, CloudEventHeaders.ID, 200))
                .setParameter("type", text(record, CloudEventHeaders.TYPE, 200))
                .setParameter("subject", text(record, CloudEventHeaders.SUBJECT, 400))
                .setParameter("source", text(record, CloudEventHeaders.SOURCE, 400))
                .setParameter("time", text(record, CloudEventHeaders.TIME, 64))
                .setParameter("reason", PersonalDataScrubber.scrub(text(record, "dead-letter-reason", 100_000), TEXT))
                .setParameter("cause", PersonalDataScrubber.scrub(cause(record), TEXT))
                .executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deletePastRetention() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.retention());
        int deleted = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("delete from dead_letter where dead_lettered_at < :cutoff")
                .setParameter("cutoff", cutoff).executeUpdate());
        if (deleted > 0) {
            Log.infof("Deleted %d dead letters listed since before %s", deleted, cutoff);
        }
    }

    private static String cause(ConsumerRecord<String, String> record) {
        String cause = text(record, "dead-letter-cause", 100_000);
        String causeClass = text(record, "dead-letter-cause-class-name", 400);
        String exception = text(record, "dead-letter-exception-class-name", 400);
        StringBuilder text = new StringBuilder();
        for (String part : new String[] {exception, causeClass, cause}) {
            if (part != null && !part.isBlank()) {
                text.append(text.length() == 0 ? "" : "; ").append(part);
            }
        }
        return text.length() == 0 ? null : text.toString();
    }

    private static Long number(ConsumerRecord<String, String> record, String name) {
        String value = text(record, name, 40);
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String text(ConsumerRecord<String, String> record, String name, int max) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        return truncate(new String(header.value(), StandardCharsets.UTF_8), max);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
