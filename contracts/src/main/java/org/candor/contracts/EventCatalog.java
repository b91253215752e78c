package org.candor.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.candor.contracts.incident.IncidentDeclared;

/** Every event type Candor publishes. A type missing here cannot be published or consumed. */
public final class EventCatalog {

    public static final List<EventType> ALL = List.of(
            new EventType(IncidentDeclared.TYPE, Topics.INCIDENT_EVENTS, "incident", IncidentDeclared.class));

    private static final Map<String, EventType> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

    private EventCatalog() {
    }

    public static Optional<EventType> byType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static EventType of(Class<? extends CandorEvent> dataClass) {
        EventType type = BY_CLASS.get(dataClass);
        if (type == null) {
            throw new IllegalArgumentException(dataClass.getName() + " is not in the event catalog");
        }
        return type;
    }
}
