package org.candor.platform.deadletter;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The value serializer of dead letters from a topic that carries contact details
 * ({@code dead-letter-queue.value.serializer} of such a channel): instead of the record's value the
 * dead letter holds a reference to it, {@code {"reference":"<topic>-<partition>@<offset>"}}, taken from
 * the headers the dead-letter strategy writes. A replay reads the value from the source topic, so a
 * dead letter keeps no contact details and none outlives its source or escapes an erasure there.
 */
public class DeadLetterReference implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        return reference("unknown", "?", "?");
    }

    @Override
    public byte[] serialize(String topic, Headers headers, Object data) {
        return reference(header(headers, "dead-letter-topic"), header(headers, "dead-letter-partition"),
                header(headers, "dead-letter-offset"));
    }

    private static byte[] reference(String topic, String partition, String offset) {
        return ("{\"reference\":\"" + topic + "-" + partition + "@" + offset + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        return header == null || header.value() == null ? "?"
                : new String(header.value(), StandardCharsets.UTF_8).replace("\"", "");
    }
}
