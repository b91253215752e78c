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

    /** Sends a CloudEvent in binary mode and waits until the broker has it. */
    public static void sendCloudEvent(String topic, Integer partition, String key, UUID id, String type, String data) {
        List<Header> headers = new ArrayList<>();
        headers.add(header(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SUPPORTED_SPEC_VERSION));
        headers.add(header(CloudEventHeaders.ID, id.toString()));
        headers.add(header(CloudEventHeaders.TYPE, type));
        headers.add(header(CloudEventHeaders.SOURCE, "/candor/test"));
        headers.add(header(CloudEventHeaders.TIME, Instant.now().toString()));
        headers.add(header(CloudEventHeaders.SUBJECT, key));
        headers.add(header(CloudEventHeaders.CONTENT_TYPE, "application/json"));
        send(new ProducerRecord<>(topic, partition, key, data, headers));
    }

    /** Sends a record with no CloudEvents headers at all. */
    public static void sendRaw(String topic, Integer partition, String key, String value) {
        send(new ProducerRecord<>(topic, partition, key, value));
    }

    private static void send(ProducerRecord<String, String> record) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(record).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not send to " + record.topic(), e.getCause());
        }
    }

    private static Header header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
