package org.candor.contracts;

/** Kafka topic names: one per publishing aggregate, plus the notification command topic. */
public final class Topics {

    /** Incident lifecycle events, keyed by incident id. */
    public static final String INCIDENT_EVENTS = "candor.incident.events";
    /**
     * Affected customers with their contact details, keyed by customer id. The only topic carrying customers' contact
     * data (the organisation's own public contact, its DPO's among it, is on {@link #COMPLIANCE_ORGANISATION}).
     */
    public static final String AFFECTED_CUSTOMERS = "candor.incident.affected-customers";
    /** Delivery outcomes, keyed by delivery id. Published by notification-service. */
    public static final String NOTIFICATION_EVENTS = "candor.notification.deliveries";
    /** Ticket lifecycle, keyed by ticket id. Published by support-service. */
    public static final String SUPPORT_TICKETS = "candor.support.tickets";
    /** Assistance offers granted and compensation claims decided, keyed by grant or claim id. Published by support-service. */
    public static final String SUPPORT_ASSISTANCE = "candor.support.assistance";
    /** Survey outcomes and follow-ups, keyed by their own id. Published by feedback-service. */
    public static final String FEEDBACK_EVENTS = "candor.feedback.events";
    /** Legal reporting obligations and their deadlines, keyed by obligation id. Published by compliance-service. */
    public static final String COMPLIANCE_OBLIGATIONS = "candor.compliance.obligations";
    /** Signed checkpoints of the audit chain, all under one key. Published by compliance-service. */
    public static final String COMPLIANCE_AUDIT = "candor.compliance.audit";
    /**
     * The organisation's public identity (name, DPO contact, hotline), all under one key and compacted, so a
     * consumer reading from the beginning finds the current one. Published by compliance-service. The DPO's contact
     * is public by law (GDPR Art. 13(1)(b), 37(7)); no customer's data.
     */
    public static final String COMPLIANCE_ORGANISATION = "candor.compliance.organisation";
    /** Commands any service may send to notification-service, keyed by recipient or request id. */
    public static final String NOTIFICATION_REQUESTS = "candor.notification.requests";

    /** The services that consume events, each with its own consumer groups and dead-letter topic. */
    public static final java.util.List<String> CONSUMING_SERVICES =
            java.util.List.of("incident", "notification", "support", "compliance", "feedback");

    private Topics() {
    }

    /** Every topic Candor uses: event topics, the notification command topic and the dead-letter topics. */
    public static java.util.SortedSet<String> all() {
        java.util.SortedSet<String> topics = new java.util.TreeSet<>();
        EventCatalog.ALL.forEach(type -> topics.add(type.topic()));
        topics.add(NOTIFICATION_REQUESTS);
        CONSUMING_SERVICES.forEach(service -> topics.add(deadLetter(service)));
        return topics;
    }

    /** The dead-letter topic of a consuming service, e.g. {@code candor.support.dlq}. */
    public static String deadLetter(String service) {
        return "candor." + service + ".dlq";
    }
}
