package org.candor.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts deliveries that FAILED on the dead-letter topic, keyed by delivery id, with the reason in the
 * {@code dead-letter-reason} header like every other dead letter; ids only, no contact details.
 *
 * <p>It reads only FAILED rows that are committed and not yet dead-lettered, sends them, waits for
 * Kafka's acknowledgement and then marks them in the same transaction, so each failure goes out
 * once. A crash between the acknowledgement and that commit sends the same record again (same key,
 * same {@code dead-letter-id} header): the one place where a consumer may see a failure twice.
 */
@ApplicationScoped
public class DeliveryDeadLetters {

    /** The outgoing channel to {@code candor.notification.dlq}. */
    public static final String CHANNEL = "delivery-dead-letters";

    private static final int BATCH = 500;
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<String> emitter;
    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "delivery-dead-letters");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    DeliveryDeadLetters(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            MutinyEmitter<String> emitter, EntityManager entityManager, ObjectMapper objectMapper, Clock clock) {
        this.emitter = emitter;
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.clock = clock;
    }

    /** Asks for the pending dead letters to be published soon, off the caller's thread. */
    public void wake() {
        if (queued.compareAndSet(false, true)) {
            worker.execute(() -> {
                queued.set(false);
                publishQuietly();
            });
        }
    }

    // Also picks up what a crash or an unreachable broker left behind.
    @Scheduled(every = "10s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        wake();
    }

    private void publishQuietly() {
        try {
            publishPending();
        } catch (RuntimeException e) {
            Log.warnf("Dead letters of failed deliveries not published yet: %s", e.getMessage());
        }
    }

    /** Publishes every committed FAILED delivery not yet on the dead-letter topic; returns how many. */
    public int publishPending() {
        int total = 0;
        int published;
        do {
            published = QuarkusTransaction.requiringNew().call(this::publishBatch);
            total += published;
        } while (published == BATCH);
        return total;
    }

    private int publishBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select d.id, d.message_id, m.message_type, m.incident_id,"
                + " d.channel, d.attempts, d.last_error from delivery d join message m on m.id = d.message_id"
                + " where d.status = 'FAILED' and d.dead_lettered_at is null order by d.finished_at limit :limit"
                + " for update of d skip locked")
                .setParameter("limit", BATCH).getResultList();
        if (rows.isEmpty()) {
            return 0;
        }
        List<Uni<Void>> acks = new ArrayList<>(rows.size());
        List<UUID> ids = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            UUID id = (UUID) row[0];
            ids.add(id);
            acks.add(emitter.sendMessage(deadLetter(id, (UUID) row[1], (String) row[2], (UUID) row[3], (String) row[4],
                    ((Number) row[5]).intValue(), (String) row[6])));
        }
        Uni.join().all(acks).andFailFast().await().atMost(ACK_TIMEOUT);
        entityManager.createNativeQuery("update delivery set dead_lettered_at = :now where id = any(cast(:ids as uuid[]))")
                .setParameter("now", clock.instant())
                .setParameter("ids", ids.stream().map(UUID::toString).toArray(String[]::new))
                .executeUpdate();
        Log.infof("Put %d failed deliveries on the dead-letter topic", ids.size());
        return ids.size();
    }

    private Message<String> deadLetter(UUID deliveryId, UUID messageId, String messageType, UUID incidentId,
            String channel, int attempts, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", deliveryId);
        body.put("messageId", messageId);
        body.put("messageType", messageType);
        body.put("incidentId", incidentId);
        body.put("channel", channel);
        body.put("attempts", attempts);
        body.put("reason", reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-id", deliveryId.toString().getBytes(StandardCharsets.UTF_8));
        try {
            return Message.of(objectMapper.writeValueAsString(body)).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                    .withKey(deliveryId.toString()).withHeaders(headers).build());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
