package org.candor.contracts;

/** Kafka topic names: one per publishing aggregate, plus the notification command topic. */
public final class Topics {

    /** Incident lifecycle events, keyed by incident id. */
    public static final String INCIDENT_EVENTS = "candor.incident.events";
    /** Commands any service may send to notification-service, keyed by recipient or request id. */
    public static final String NOTIFICATION_REQUESTS = "candor.notification.requests";

    private Topics() {
    }

    /** The dead-letter topic of a consuming service, e.g. {@code candor.support.dlq}. */
    public static String deadLetter(String service) {
        return "candor." + service + ".dlq";
    }
}
