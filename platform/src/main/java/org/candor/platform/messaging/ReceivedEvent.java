package org.candor.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.candor.contracts.CloudEventHeaders;

/**
 * The CloudEvents attributes and JSON data of a consumed Kafka record in binary content mode.
 *
 * @param id {@code ce_id}, the key of the consumer's inbox
 * @param type {@code ce_type}
 * @param source {@code ce_source}
 * @param time {@code ce_time}
 * @param subject {@code ce_subject}, the aggregate id
 * @param data the record value
 */
public record ReceivedEvent(UUID id, String type, String source, OffsetDateTime time, String subject, String data) {

    /** Reads the event from {@code record}, or throws {@link PoisonMessageException} saying what is missing. */
    public static ReceivedEvent from(ConsumerRecord<String, String> record) {
        String specVersion = header(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SUPPORTED_SPEC_VERSION.equals(specVersion)) {
            throw new PoisonMessageException("Not a CloudEvents 1.0 event: " + CloudEventHeaders.SPEC_VERSION + " is "
                    + (specVersion == null ? "missing" : "'" + specVersion + "'"));
        }
        String id = required(record, CloudEventHeaders.ID);
        UUID eventId;
        try {
            eventId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new PoisonMessageException(CloudEventHeaders.ID + " is not a UUID");
        }
        OffsetDateTime time = null;
        String timeHeader = header(record, CloudEventHeaders.TIME);
        if (timeHeader != null) {
            try {
                time = OffsetDateTime.parse(timeHeader);
            } catch (DateTimeParseException e) {
                throw new PoisonMessageException(CloudEventHeaders.TIME + " is not an RFC 3339 timestamp");
            }
        }
        if (record.value() == null || record.value().isBlank()) {
            throw new PoisonMessageException("The event has no data");
        }
        return new ReceivedEvent(eventId, required(record, CloudEventHeaders.TYPE),
                required(record, CloudEventHeaders.SOURCE), time, header(record, CloudEventHeaders.SUBJECT),
                record.value());
    }

    private static String required(ConsumerRecord<String, String> record, String name) {
        String value = header(record, name);
        if (value == null || value.isBlank()) {
            throw new PoisonMessageException("Header " + name + " is missing");
        }
        return value;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
