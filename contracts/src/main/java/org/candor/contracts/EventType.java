package org.candor.contracts;

/**
 * One versioned event type: its CloudEvents {@code type}, the topic it travels on, the aggregate
 * it belongs to, the record that carries its data and the JSON Schema of that data.
 */
public record EventType(String type, String topic, String aggregateType, Class<? extends CandorEvent> dataClass) {

    /** Classpath location of the JSON Schema of this type's data. */
    public String schemaResource() {
        return "META-INF/candor/schemas/" + type + ".json";
    }
}
