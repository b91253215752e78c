package org.candor.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

class EventContractTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    static List<EventType> eventTypes() {
        return EventCatalog.ALL;
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void serializedSampleMatchesTheTypesSchema(EventType type) throws IOException {
        JsonNode sample = JSON.valueToTree(EventSamples.BY_TYPE.get(type.type()));

        Set<ValidationMessage> errors = schema(type).validate(sample);

        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void schemaRejectsDataWithoutARequiredField(EventType type) throws IOException {
        ObjectNode sample = JSON.valueToTree(EventSamples.BY_TYPE.get(type.type()));
        sample.remove(sample.fieldNames().next());

        assertThat(schema(type).validate(sample)).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("eventTypes")
    void typeNameIsVersionedAndPastTense(EventType type) {
        assertThat(type.type()).matches("candor\\.[a-z-]+\\.[a-z-]+\\.v\\d+");
        assertThat(type.topic()).matches("candor\\.[a-z]+\\.[a-z-]+");
    }

    @Test
    void statusUpdatePublishedWrittenBeforeUrgentExistedIsValidAndReadsAsNotUrgent() throws IOException {
        ObjectNode older = JSON.valueToTree(EventSamples.BY_TYPE.get(
                org.candor.contracts.incident.StatusUpdatePublished.TYPE));
        older.remove("urgent");

        assertThat(schema(EventCatalog.of(org.candor.contracts.incident.StatusUpdatePublished.class)).validate(older))
                .isEmpty();
        assertThat(JSON.treeToValue(older, org.candor.contracts.incident.StatusUpdatePublished.class).urgent()).isFalse();
    }

    @Test
    void everyTypeHasASample() {
        assertThat(EventSamples.BY_TYPE.keySet())
                .containsExactlyInAnyOrderElementsOf(EventCatalog.ALL.stream().map(EventType::type).toList());
    }

    @Test
    void asyncApiDocumentListsEveryTypeOnItsTopic() throws IOException {
        JsonNode asyncApi;
        try (InputStream in = resource("META-INF/candor/asyncapi.yaml")) {
            asyncApi = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Map<String, String> topicByMessageName = new java.util.HashMap<>();
        asyncApi.path("channels").forEach(channel -> channel.path("messages").forEach(ref -> {
            String name = ref.path("$ref").asText().replace("#/components/messages/", "");
            topicByMessageName.put(asyncApi.path("components").path("messages").path(name).path("name").asText(),
                    channel.path("address").asText());
        }));

        Map<String, String> expected = EventCatalog.ALL.stream()
                .collect(Collectors.toMap(EventType::type, EventType::topic));
        assertThat(topicByMessageName).isEqualTo(expected);
    }

    private static JsonSchema schema(EventType type) throws IOException {
        try (InputStream in = resource(type.schemaResource())) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    private static InputStream resource(String path) {
        InputStream in = EventContractTest.class.getClassLoader().getResourceAsStream(path);
        assertThat(in).as(path).isNotNull();
        return in;
    }
}
