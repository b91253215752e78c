package org.candor.platform.outbox;

import java.net.URI;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.candor.contracts.EventCatalog;
import org.candor.contracts.EventType;
import org.hibernate.Session;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Publishes outbox rows to Kafka, oldest first, then marks them published in the same transaction.
 *
 * <p>A crash between sending and committing leaves the rows unmarked, so they are sent again:
 * delivery is at least once and consumers deduplicate through their inbox. With several replicas,
 * a transaction-scoped advisory lock lets one relay work at a time, which keeps each aggregate's
 * events in order; {@code FOR UPDATE SKIP LOCKED} guards the rows themselves.
 */
@ApplicationScoped
public class OutboxRelay {

    /** The outgoing channel the relay sends on; its topic is chosen per event. */
    public static final String CHANNEL = "candor-outbox";

    /** Any fixed number shared by every replica of a service: the key of the relay's advisory lock. */
    private static final long RELAY_LOCK = 0x0C4D0E1L;

    private final EntityManager entityManager;
    private final MutinyEmitter<String> emitter;
    private final OutboxConfig config;
    private final URI source;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean drainQueued = new AtomicBoolean();

    OutboxRelay(EntityManager entityManager,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384) MutinyEmitter<String> emitter,
            OutboxConfig config) {
        this.entityManager = entityManager;
        this.emitter = emitter;
        this.config = config;
        this.source = URI.create(config.source());
    }

    /**
     * Asks the relay to publish soon: after {@code candor.outbox.wake-delay}, so that the events of the
     * transactions that commit meanwhile go out in the same batch (one relay transaction for many
     * events, not one per event). Calls made while a drain is queued are folded into it.
     */
    public void wake() {
        if (config.relayEnabled() && drainQueued.compareAndSet(false, true)) {
            long delay = config.wakeDelay().toMillis();
            if (delay <= 0) {
                worker.execute(this::drain);
            } else {
                worker.schedule(this::drain, delay, TimeUnit.MILLISECONDS);
            }
        }
    }

    // Skipped until start-up has finished, so the Kafka channel is connected before the first send.
    @Scheduled(every = "${candor.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void poll() {
        wake();
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deletePublishedPastRetention() {
        Instant cutoff = Instant.now().minus(config.retention());
        int deleted = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("delete from OutboxEvent e where e.publishedAt < :cutoff")
                .setParameter("cutoff", cutoff)
                .executeUpdate());
        if (deleted > 0) {
            Log.infof("Deleted %d published outbox events older than %s", deleted, cutoff);
        }
    }

    private void drain() {
        drainQueued.set(false);
        try {
            int published;
            do {
                published = publishBatch();
            } while (published == config.batchSize());
        } catch (RuntimeException e) {
            // The rows stay unpublished and the next poll retries them.
            Log.warnf("Outbox relay could not publish a batch: %s", e.getMessage());
        }
    }

    /** Publishes one batch in one transaction and returns how many events it published. */
    int publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) entityManager
                    .createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                    .setParameter("key", RELAY_LOCK)
                    .getSingleResult();
            if (!locked) {
                return 0;
            }
            List<Pending> batch = new ArrayList<>();
            // Plain rows and one prepared statement per step: no managed entities to snapshot and check
            // at commit, and the same statement text whatever the batch size.
            entityManager.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement select = connection.prepareStatement("select id, aggregate_id, type,"
                        + " occurred_at, payload from outbox_event where published_at is null order by seq limit ?"
                        + " for update skip locked")) {
                    select.setInt(1, config.batchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            batch.add(new Pending(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                                    rows.getObject(4, OffsetDateTime.class).toInstant(), rows.getString(5)));
                        }
                    }
                }
            });
            if (batch.isEmpty()) {
                return 0;
            }
            CompletableFuture<?>[] acks = batch.stream().map(this::send).toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(acks).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            entityManager.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement mark = connection.prepareStatement(
                        "update outbox_event set published_at = ? where id = any(?)")) {
                    mark.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                    mark.setArray(2, connection.createArrayOf("uuid", batch.stream().map(Pending::id).toArray()));
                    mark.executeUpdate();
                }
            });
            return batch.size();
        });
    }

    /** An event read for publishing. */
    private record Pending(UUID id, String aggregateId, String type, Instant occurredAt, String payload) {
    }

    private CompletableFuture<Void> send(Pending event) {
        EventType type = EventCatalog.byType(event.type())
                .orElseThrow(() -> new IllegalStateException("Outbox holds unknown event type " + event.type()));
        OutgoingCloudEventMetadata<Object> cloudEvent = OutgoingCloudEventMetadata.builder()
                .withId(event.id().toString())
                .withType(event.type())
                .withSource(source)
                .withSubject(event.aggregateId())
                .withTimestamp(event.occurredAt().atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(type.topic())
                .withKey(event.aggregateId())
                .build();
        Message<String> message = Message.of(event.payload(), Metadata.of(cloudEvent, kafka));
        return emitter.sendMessage(message).subscribeAsCompletionStage();
    }

    @PreDestroy
    void stop() {
        worker.shutdown();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
