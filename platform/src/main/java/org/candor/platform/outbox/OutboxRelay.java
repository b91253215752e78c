package org.candor.platform.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
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

    /** The CloudEvents headers' names, the id, time and content type, and the record's own framing, in bytes. */
    private static final int HEADERS_OVERHEAD = 256;

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
    private final OutboxSetAside setAsideRows;

    OutboxRelay(EntityManager entityManager,
            @Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384) MutinyEmitter<String> emitter,
            OutboxConfig config, OutboxSetAside setAsideRows) {
        this.entityManager = entityManager;
        this.emitter = emitter;
        this.config = config;
        this.setAsideRows = setAsideRows;
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

    // Only when rows carrying contact details are kept for a while after publishing; by default they go at once.
    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void deletePublishedPersonalData() {
        if (config.personalDataRetention().isZero()) {
            return;
        }
        List<String> types = EventCatalog.ALL.stream().filter(type -> config.personalDataTopics().contains(type.topic()))
                .map(EventType::type).toList();
        if (types.isEmpty()) {
            return;
        }
        Instant cutoff = Instant.now().minus(config.personalDataRetention());
        int deleted = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("delete from OutboxEvent e where e.publishedAt < :cutoff and e.type in :types")
                .setParameter("cutoff", cutoff)
                .setParameter("types", types)
                .executeUpdate());
        if (deleted > 0) {
            Log.infof("Deleted %d published outbox events carrying personal data, published before %s", deleted, cutoff);
        }
    }

    private void drain() {
        drainQueued.set(false);
        try {
            Outcome outcome;
            do {
                outcome = publishBatch();
            } while (outcome.drainOn(config.batchSize()));
        } catch (RuntimeException e) {
            // The rows stay unpublished and the next poll retries them.
            Log.warnf("Outbox relay could not publish a batch: %s", e.getMessage());
        }
    }

    /**
     * What one batch did.
     *
     * @param read rows read for the batch
     * @param published rows Kafka acknowledged and marked published
     * @param held whether a row stayed behind (refused, unacknowledged, or behind one of those), so
     *        the relay waits for its next poll instead of reading the next batch at once
     */
    record Outcome(int read, int published, boolean held) {

        boolean drainOn(int batchSize) {
            return !held && read == batchSize;
        }
    }

    /**
     * Publishes one batch in one transaction. A row Kafka refuses for itself (unknown type, too large,
     * not authorised, not serialisable) counts an attempt and, after {@code candor.outbox.max-attempts},
     * is set aside; rows of other aggregates in the batch go out; later rows of the same aggregate wait,
     * in this batch and, once it is set aside, in every later one. A broker that does not answer counts
     * no attempt: the rows stay and the next poll sends them again.
     */
    Outcome publishBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Boolean locked = (Boolean) entityManager
                    .createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                    .setParameter("key", RELAY_LOCK)
                    .getSingleResult();
            if (!locked) {
                return new Outcome(0, 0, false);
            }
            List<Pending> batch = new ArrayList<>();
            // Plain rows and one prepared statement per step: no managed entities to snapshot and check
            // at commit, and the same statement text whatever the batch size.
            entityManager.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement select = connection.prepareStatement("select e.id, e.aggregate_type,"
                        + " e.aggregate_id, e.type, e.occurred_at, e.payload, e.attempts from outbox_event e"
                        + " where e.published_at is null and e.set_aside_at is null and not exists (select 1 from"
                        + " outbox_event s where s.set_aside_at is not null and s.published_at is null"
                        + " and s.aggregate_type = e.aggregate_type and s.aggregate_id = e.aggregate_id)"
                        + " order by e.seq limit ? for update of e skip locked")) {
                    select.setInt(1, config.batchSize());
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            batch.add(new Pending(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                                    rows.getString(4), rows.getObject(5, OffsetDateTime.class).toInstant(),
                                    rows.getString(6), rows.getInt(7)));
                        }
                    }
                }
            });
            if (batch.isEmpty()) {
                return new Outcome(0, 0, false);
            }
            Map<UUID, String> refused = new LinkedHashMap<>();
            Map<UUID, CompletableFuture<Void>> sent = new HashMap<>();
            Set<String> heldAggregates = new HashSet<>();
            for (Pending event : batch) {
                if (heldAggregates.contains(event.aggregate())) {
                    continue;
                }
                String refusal = refusalBeforeSending(event);
                if (refusal != null) {
                    refused.put(event.id(), refusal);
                    heldAggregates.add(event.aggregate());
                } else {
                    sent.put(event.id(), send(event));
                }
            }
            boolean unanswered = !awaitAll(sent.values());
            List<UUID> published = new ArrayList<>();
            List<UUID> publishedPersonal = new ArrayList<>();
            Set<String> behind = new HashSet<>();
            int waiting = 0;
            String unreachable = null;
            for (Pending event : batch) {
                CompletableFuture<Void> ack = sent.get(event.id());
                Throwable failure = ack == null || !ack.isDone() ? null : failureOf(ack);
                boolean acknowledged = ack != null && ack.isDone() && failure == null;
                if (acknowledged && !behind.contains(event.aggregate())) {
                    (personalData(event) ? publishedPersonal : published).add(event.id());
                    continue;
                }
                behind.add(event.aggregate());
                if (failure != null) {
                    String permanent = permanentRefusal(failure);
                    if (permanent != null) {
                        refused.put(event.id(), permanent);
                    } else {
                        unreachable = describe(failure);
                        waiting++;
                    }
                } else if (!refused.containsKey(event.id())) {
                    waiting++;
                }
            }
            markPublished(published, publishedPersonal);
            recordRefusals(batch, refused);
            if (unanswered || unreachable != null) {
                Log.warnf("Kafka did not take %d outbox events (%s); they stay in the outbox and are sent again",
                        waiting, unanswered ? "no acknowledgement within " + config.sendTimeout() : unreachable);
            }
            int publishedCount = published.size() + publishedPersonal.size();
            return new Outcome(batch.size(), publishedCount, publishedCount < batch.size());
        });
    }

    /** An event read for publishing; {@link #aggregate()} names the stream whose order must hold. */
    private record Pending(UUID id, String aggregateType, String aggregateId, String type, Instant occurredAt,
            String payload, int attempts) {

        String aggregate() {
            return aggregateType + "/" + aggregateId;
        }
    }

    /** Why Kafka would refuse {@code event} whatever happens, found out without sending it; {@code null} if nothing. */
    private String refusalBeforeSending(Pending event) {
        if (EventCatalog.byType(event.type()).isEmpty()) {
            return "Unknown event type " + event.type();
        }
        long size = utf8Length(event.aggregateId()) + utf8Length(event.payload()) + utf8Length(event.type())
                + utf8Length(source.toString()) + HEADERS_OVERHEAD;
        if (size > config.maxRecordSize()) {
            return "Record of about " + size + " bytes is larger than candor.outbox.max-record-size ("
                    + config.maxRecordSize() + " bytes)";
        }
        return null;
    }

    /**
     * Why Kafka refused a record for good: an error the broker or the client gives for this record or
     * its topic and that a retry does not cure (too large, not authorised for the topic, invalid topic,
     * not serialisable); {@code null} for anything else, which counts as Kafka being unreachable.
     */
    static String permanentRefusal(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            if (current instanceof RetriableException || current instanceof AuthenticationException
                    || current instanceof ClusterAuthorizationException) {
                return null;
            }
            if (current instanceof ApiException || current instanceof SerializationException) {
                return describe(current);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private boolean personalData(Pending event) {
        return EventCatalog.byType(event.type()).map(type -> config.personalDataTopics().contains(type.topic()))
                .orElse(false) && config.personalDataRetention().isZero();
    }

    private boolean awaitAll(Collection<CompletableFuture<Void>> acks) {
        CompletableFuture<?>[] settled = acks.stream().map(ack -> ack.handle((ok, failure) -> null))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(settled).get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private static Throwable failureOf(CompletableFuture<Void> ack) {
        try {
            ack.getNow(null);
            return null;
        } catch (CompletionException | CancellationException e) {
            return e.getCause() == null ? e : e.getCause();
        }
    }

    private void markPublished(List<UUID> published, List<UUID> publishedPersonal) {
        if (published.isEmpty() && publishedPersonal.isEmpty()) {
            return;
        }
        entityManager.unwrap(Session.class).doWork(connection -> {
            if (!published.isEmpty()) {
                try (PreparedStatement mark = connection.prepareStatement(
                        "update outbox_event set published_at = ? where id = any(?)")) {
                    mark.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
                    mark.setArray(2, connection.createArrayOf("uuid", published.toArray()));
                    mark.executeUpdate();
                }
            }
            if (!publishedPersonal.isEmpty()) {
                // Contact details leave the outbox as soon as Kafka has them.
                try (PreparedStatement delete = connection.prepareStatement("delete from outbox_event where id = any(?)")) {
                    delete.setArray(1, connection.createArrayOf("uuid", publishedPersonal.toArray()));
                    delete.executeUpdate();
                }
            }
        });
    }

    private void recordRefusals(List<Pending> batch, Map<UUID, String> refused) {
        if (refused.isEmpty()) {
            return;
        }
        int setAside = 0;
        for (Pending event : batch) {
            String reason = refused.get(event.id());
            if (reason == null) {
                continue;
            }
            int attempt = event.attempts() + 1;
            boolean aside = attempt >= config.maxAttempts();
            entityManager.createNativeQuery("update outbox_event set attempts = :attempt, last_error = :reason,"
                    + " set_aside_at = " + (aside ? "now()" : "null") + " where id = :id")
                    .setParameter("attempt", attempt)
                    .setParameter("reason", truncate(reason, 2000))
                    .setParameter("id", event.id())
                    .executeUpdate();
            if (aside) {
                setAside++;
                Log.errorf("Outbox event %s (%s, aggregate %s) set aside after %d attempts: %s; later events of"
                        + " its aggregate wait behind it", event.id(), event.type(), event.aggregate(), attempt, reason);
            } else {
                Log.warnf("Kafka refused outbox event %s (%s, aggregate %s), attempt %d of %d: %s", event.id(),
                        event.type(), event.aggregate(), attempt, config.maxAttempts(), reason);
            }
        }
        if (setAside > 0) {
            setAsideRows.refreshAfterCommit();
        }
    }

    private CompletableFuture<Void> send(Pending event) {
        try {
            EventType type = EventCatalog.byType(event.type()).orElseThrow();
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
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private static long utf8Length(String text) {
        return text == null ? 0 : text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
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
