package org.candor.contracts;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.candor.contracts.compliance.AuditCheckpointed;
import org.candor.contracts.compliance.ObligationOverdue;
import org.candor.contracts.compliance.ObligationUpdated;
import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.customer.AffectedCustomerRemoved;
import org.candor.contracts.customer.AffectedCustomerUpdated;
import org.candor.contracts.customer.CustomerErased;
import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.contracts.customer.PublicSubscriberRemoved;
import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.contracts.feedback.ResponseReceived;
import org.candor.contracts.feedback.ScoreChanged;
import org.candor.contracts.incident.AffectedPopulationSummarized;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.contracts.incident.StatusUpdateOverdue;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationCompleted;
import org.candor.contracts.notification.NotificationDelivered;
import org.candor.contracts.notification.NotificationFailed;
import org.candor.contracts.notification.NotificationNotReached;
import org.candor.contracts.notification.NotificationProgressReported;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.contracts.notification.NotificationSendControlled;
import org.candor.contracts.support.ClaimDecided;
import org.candor.contracts.support.OfferGranted;
import org.candor.contracts.support.SlaAtRisk;
import org.candor.contracts.support.SlaBreached;
import org.candor.contracts.support.TicketOpened;
import org.candor.contracts.support.TicketResolved;

/** Every event type Candor publishes. A type missing here cannot be published or consumed. */
public final class EventCatalog {

    public static final List<EventType> ALL = List.of(
            // incident-service: the incident
            new EventType(IncidentDeclared.TYPE, Topics.INCIDENT_EVENTS, "incident", IncidentDeclared.class),
            new EventType(IncidentDetailsChanged.TYPE, Topics.INCIDENT_EVENTS, "incident", IncidentDetailsChanged.class),
            new EventType(IncidentPhaseChanged.TYPE, Topics.INCIDENT_EVENTS, "incident", IncidentPhaseChanged.class),
            new EventType(RiskAssessed.TYPE, Topics.INCIDENT_EVENTS, "incident", RiskAssessed.class),
            new EventType(StatusUpdatePublished.TYPE, Topics.INCIDENT_EVENTS, "incident", StatusUpdatePublished.class),
            new EventType(StatusUpdateOverdue.TYPE, Topics.INCIDENT_EVENTS, "incident", StatusUpdateOverdue.class),
            new EventType(AffectedPopulationSummarized.TYPE, Topics.INCIDENT_EVENTS, "incident",
                    AffectedPopulationSummarized.class),
            // incident-service: affected customers (the only events with contact details)
            new EventType(AffectedCustomerAdded.TYPE, Topics.AFFECTED_CUSTOMERS, "affected-customer",
                    AffectedCustomerAdded.class),
            new EventType(AffectedCustomerUpdated.TYPE, Topics.AFFECTED_CUSTOMERS, "affected-customer",
                    AffectedCustomerUpdated.class),
            new EventType(AffectedCustomerRemoved.TYPE, Topics.AFFECTED_CUSTOMERS, "affected-customer",
                    AffectedCustomerRemoved.class),
            new EventType(CustomerErased.TYPE, Topics.AFFECTED_CUSTOMERS, "affected-customer", CustomerErased.class),
            new EventType(PublicSubscriberConfirmed.TYPE, Topics.AFFECTED_CUSTOMERS, "public-subscriber",
                    PublicSubscriberConfirmed.class),
            new EventType(PublicSubscriberRemoved.TYPE, Topics.AFFECTED_CUSTOMERS, "public-subscriber",
                    PublicSubscriberRemoved.class),
            // notification-service: commands in, outcomes out
            new EventType(NotificationRequested.TYPE, Topics.NOTIFICATION_REQUESTS, "notification-request",
                    NotificationRequested.class),
            new EventType(NotificationDelivered.TYPE, Topics.NOTIFICATION_EVENTS, "delivery",
                    NotificationDelivered.class),
            new EventType(NotificationBatchDelivered.TYPE, Topics.NOTIFICATION_EVENTS, "delivery-batch",
                    NotificationBatchDelivered.class),
            new EventType(NotificationFailed.TYPE, Topics.NOTIFICATION_EVENTS, "delivery", NotificationFailed.class),
            new EventType(NotificationNotReached.TYPE, Topics.NOTIFICATION_EVENTS, "not-reached",
                    NotificationNotReached.class),
            new EventType(NotificationProgressReported.TYPE, Topics.NOTIFICATION_EVENTS, "notification-message",
                    NotificationProgressReported.class),
            new EventType(NotificationCompleted.TYPE, Topics.NOTIFICATION_EVENTS, "notification-message",
                    NotificationCompleted.class),
            new EventType(NotificationSendControlled.TYPE, Topics.NOTIFICATION_EVENTS, "notification-message",
                    NotificationSendControlled.class),
            // support-service: tickets
            new EventType(TicketOpened.TYPE, Topics.SUPPORT_TICKETS, "ticket", TicketOpened.class),
            new EventType(TicketResolved.TYPE, Topics.SUPPORT_TICKETS, "ticket", TicketResolved.class),
            new EventType(SlaAtRisk.TYPE, Topics.SUPPORT_TICKETS, "ticket", SlaAtRisk.class),
            new EventType(SlaBreached.TYPE, Topics.SUPPORT_TICKETS, "ticket", SlaBreached.class),
            // support-service: assistance offers and compensation claims
            new EventType(OfferGranted.TYPE, Topics.SUPPORT_ASSISTANCE, "offer-grant", OfferGranted.class),
            new EventType(ClaimDecided.TYPE, Topics.SUPPORT_ASSISTANCE, "claim", ClaimDecided.class),
            // feedback-service: follow-ups
            new EventType(FollowUpRequested.TYPE, Topics.FEEDBACK_EVENTS, "follow-up", FollowUpRequested.class),
            new EventType(ResponseReceived.TYPE, Topics.FEEDBACK_EVENTS, "survey-response", ResponseReceived.class),
            new EventType(ScoreChanged.TYPE, Topics.FEEDBACK_EVENTS, "incident-score", ScoreChanged.class),
            // compliance-service: obligations and deadlines
            new EventType(ObligationUpdated.TYPE, Topics.COMPLIANCE_OBLIGATIONS, "obligation", ObligationUpdated.class),
            new EventType(ObligationOverdue.TYPE, Topics.COMPLIANCE_OBLIGATIONS, "obligation", ObligationOverdue.class),
            // compliance-service: the audit chain's signed checkpoints
            new EventType(AuditCheckpointed.TYPE, Topics.COMPLIANCE_AUDIT, "audit-chain", AuditCheckpointed.class),
            // compliance-service: the organisation's public identity, from its organisation profile
            new EventType(OrganisationProfileChanged.TYPE, Topics.COMPLIANCE_ORGANISATION, "organisation",
                    OrganisationProfileChanged.class));

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
