package org.candor.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.candor.contracts.CloudEventHeaders;

/** Produces records to the test broker exactly as given: CloudEvents, duplicates, or garbage. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A CloudEvent to send: its key, {@code ce_id}, {@code ce_type} and JSON data. */
    public record Event(String key, UUID id, String type, String data) {
    }

    /** Sends a CloudEvent in binary mode and waits until the broker has it. */
    public static void sendCloudEvent(String topic, Integer partition, String key, UUID id, String type, String data) {
        send(new ProducerRecord<>(topic, partition, key, data, cloudEventHeaders(key, id, type)));
    }

    /** Sends many CloudEvents in order through one producer, and waits until the broker has them all. */
    public static void sendCloudEvents(String topic, Integer partition, List<Event> events) {
        List<ProducerRecord<String, String>> records = new ArrayList<>(events.size());
        for (Event event : events) {
            records.add(new ProducerRecord<>(topic, partition, event.key(), event.data(),
                    cloudEventHeaders(event.key(), event.id(), event.type())));
        }
        send(records);
    }

    private static List<Header> cloudEventHeaders(String key, UUID id, String type) {
        List<Header> headers = new ArrayList<>();
        headers.add(header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SUPPORTED_SPEC_VERSION));
        headers.add(header(CloudEventHeaders.ID, id.toString()));
        headers.add(header(CloudEventHeaders.TYPE, type));
        headers.add(header(CloudEventHeaders.SOURCE, "/candor/test"));
        headers.add(header(CloudEventHeaders.TIME, Instant.now().toString()));
        headers.add(header(CloudEventHeaders.SUBJECT, key));
        headers.add(header(CloudEventHeaders.CONTENT_TYPE, "application/json"));
        return headers;
    }

    /** Sends a record with no CloudEvents headers at all. */
    public static void sendRaw(String topic, Integer partition, String key, String value) {
        send(new ProducerRecord<>(topic, partition, key, value));
    }

    private static void send(ProducerRecord<String, String> record) {
        send(List.of(record));
    }

    private static void send(List<ProducerRecord<String, String>> records) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>(records.size());
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> ack : sent) {
                ack.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not send to " + records.get(0).topic(), e.getCause());
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
