package org.candor.platform.messaging;

import org.candor.contracts.EventCatalog;

/** Tells apart an event a consumer may ignore from one nobody can understand. */
public final class KnownEventTypes {

    private KnownEventTypes() {
    }

    /**
     * Call for an event type a consumer has no handler for: a catalogued type is simply not this
     * consumer's business; anything else is poison and goes to the dead-letter topic.
     */
    public static void requireCatalogued(ReceivedEvent event) {
        if (EventCatalog.byType(event.type()).isEmpty()) {
            throw new PoisonMessageException("Unknown event type " + event.type());
        }
    }
}
