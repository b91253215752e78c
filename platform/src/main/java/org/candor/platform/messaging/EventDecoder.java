package org.candor.platform.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.contracts.CandorEvent;
import org.candor.contracts.EventCatalog;
import org.candor.contracts.EventType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Turns a received event into its contract record, checking the data against the type's JSON Schema. */
@ApplicationScoped
public class EventDecoder {

    private final ObjectMapper objectMapper;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    EventDecoder(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    /** The record of {@code event}, or a {@link PoisonMessageException} naming what is wrong. */
    public <T extends CandorEvent> T decode(ReceivedEvent event, Class<T> dataClass) {
        EventType type = EventCatalog.byType(event.type())
                .orElseThrow(() -> new PoisonMessageException("Unknown event type " + event.type()));
        if (!type.dataClass().equals(dataClass)) {
            throw new IllegalArgumentException(event.type() + " carries " + type.dataClass().getSimpleName());
        }
        JsonNode data;
        try {
            data = objectMapper.readTree(event.data());
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("Data of " + event.type() + " is not JSON: " + e.getOriginalMessage());
        }
        Set<ValidationMessage> errors = schema(type).validate(data);
        if (!errors.isEmpty()) {
            throw new PoisonMessageException("Data of " + event.type() + " breaks its schema: "
                    + errors.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("; ")));
        }
        try {
            return objectMapper.treeToValue(data, dataClass);
        } catch (JsonProcessingException e) {
            throw new PoisonMessageException("Data of " + event.type() + " cannot be read: " + e.getOriginalMessage());
        }
    }

    private JsonSchema schema(EventType type) {
        return schemas.computeIfAbsent(type.type(), key -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(type.schemaResource())) {
                if (in == null) {
                    throw new IllegalStateException("No schema at " + type.schemaResource());
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
