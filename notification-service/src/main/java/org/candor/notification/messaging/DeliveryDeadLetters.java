package org.candor.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.candor.notification.service.DeliveryStore;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts a delivery that FAILED on the dead-letter topic, keyed by delivery id, with the reason in
 * the {@code dead-letter-reason} header like every other dead letter. Ids only, no contact details.
 * Sent after the FAILED state has committed; the {@code NotificationFailed} event is the durable record.
 */
@ApplicationScoped
public class DeliveryDeadLetters {

    /** The outgoing channel to {@code candor.notification.dlq}. */
    public static final String CHANNEL = "delivery-dead-letters";

    private final Emitter<String> emitter;
    private final ObjectMapper objectMapper;

    DeliveryDeadLetters(@Channel(CHANNEL) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
            Emitter<String> emitter, ObjectMapper objectMapper) {
        this.emitter = emitter;
        this.objectMapper = objectMapper;
    }

    public void send(DeliveryStore.Outcome outcome) {
        DeliveryStore.Claimed delivery = outcome.delivery();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", delivery.id());
        body.put("messageId", delivery.message().id());
        body.put("messageType", delivery.message().type());
        body.put("incidentId", delivery.message().incidentId());
        body.put("channel", delivery.channel());
        body.put("attempts", delivery.attempts());
        body.put("reason", outcome.error());
        try {
            RecordHeaders headers = new RecordHeaders();
            headers.add("dead-letter-reason", String.valueOf(outcome.error()).getBytes(StandardCharsets.UTF_8));
            emitter.send(Message.of(objectMapper.writeValueAsString(body)).addMetadata(
                    OutgoingKafkaRecordMetadata.<String>builder().withKey(delivery.id().toString()).withHeaders(headers)
                            .build()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
