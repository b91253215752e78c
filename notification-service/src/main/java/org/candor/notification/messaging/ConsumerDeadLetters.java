package org.candor.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts a consumed record that cannot be applied on the dead-letter topic, as it came (key, value,
 * headers) plus the headers the connector's own dead-letter strategy writes. For consumers that
 * take records in batches and so must reject single records themselves. Waits for Kafka's
 * acknowledgement, so the batch is acknowledged only once its rejects are safe.
 */
@ApplicationScoped
public class ConsumerDeadLetters {

    /** The outgoing channel to {@code candor.notification.dlq}. */
    public static final String CHANNEL = "consumer-dead-letters";

    private final MutinyEmitter<String> emitter;

    ConsumerDeadLetters(@Channel(CHANNEL) MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public void reject(ConsumerRecord<String, String> record, Throwable reason) {
        String message = reason.getMessage() == null ? reason.getClass().getName() : reason.getMessage();
        Log.warnf("Record %s-%d@%d goes to the dead-letter topic: %s", record.topic(), record.partition(), record.offset(),
                message);
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add("dead-letter-reason", message.getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-cause", reason.getClass().getName().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", String.valueOf(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", String.valueOf(record.offset()).getBytes(StandardCharsets.UTF_8));
        emitter.sendMessage(Message.of(record.value()).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(record.key()).withHeaders(headers).build()))
                .await().atMost(Duration.ofSeconds(30));
    }
}
