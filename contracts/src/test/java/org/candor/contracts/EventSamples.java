package org.candor.contracts;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.Severity;

/** One realistic instance of every event type, for checking records against their schemas. */
final class EventSamples {

    static final Map<String, CandorEvent> BY_TYPE = Map.of(
            IncidentDeclared.TYPE, new IncidentDeclared(UUID.randomUUID(), "Unauthorised access to customer portal",
                    "An attacker used stolen credentials to read customer records.", Severity.HIGH,
                    Instant.parse("2026-03-27T14:00:00Z"), Instant.parse("2026-03-27T15:30:00Z"),
                    Instant.parse("2026-03-27T15:45:00Z")));

    private EventSamples() {
    }
}
