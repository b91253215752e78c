package org.candor.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.compliance.AuditCheckpointed;
import org.candor.contracts.compliance.ObligationOverdue;
import org.candor.contracts.compliance.ObligationUpdated;
import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.contracts.customer.AffectedCustomer;
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
import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.contracts.incident.Severity;
import org.candor.contracts.incident.StatusUpdateOverdue;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.contracts.notification.NotificationCompleted;
import org.candor.contracts.notification.NotificationSendControlled;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationDelivered;
import org.candor.contracts.notification.NotificationFailed;
import org.candor.contracts.notification.NotificationNotReached;
import org.candor.contracts.notification.NotificationProgressReported;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.contracts.support.ClaimDecided;
import org.candor.contracts.support.OfferGranted;
import org.candor.contracts.support.SlaAtRisk;
import org.candor.contracts.support.SlaBreached;
import org.candor.contracts.support.TicketOpened;
import org.candor.contracts.support.TicketResolved;

/** One realistic instance of every event type, for checking records against their schemas. */
final class EventSamples {

    private static final UUID INCIDENT = UUID.fromString("6f1c2d4e-8a9b-4c3d-9e2f-1a2b3c4d5e6f");
    private static final Instant AWARE = Instant.parse("2026-03-27T15:30:00Z");
    private static final AffectedCustomer CUSTOMER = new AffectedCustomer("C-1001", "Erika Mustermann",
            "erika@example.org", "+4915123456789", "de", "DE", "DE-BY", "retail");

    static final Map<String, CandorEvent> BY_TYPE = Map.ofEntries(
            Map.entry(IncidentDeclared.TYPE, new IncidentDeclared(INCIDENT, "Unauthorised access to customer portal",
                    "An attacker used stolen credentials to read customer records.", Severity.HIGH,
                    Instant.parse("2026-03-27T14:00:00Z"), AWARE, Instant.parse("2026-03-27T15:45:00Z"))),
            Map.entry(IncidentDetailsChanged.TYPE, new IncidentDetailsChanged(INCIDENT, "Portal breach",
                    Map.of("en", "Customer records were read.", "de", "Kundendaten wurden gelesen."), Severity.HIGH,
                    Instant.parse("2026-03-27T14:00:00Z"), AWARE, List.of(DataCategory.CONTACT, DataCategory.CREDENTIALS),
                    AWARE.plusSeconds(3600))),
            Map.entry(IncidentPhaseChanged.TYPE, new IncidentPhaseChanged(INCIDENT, "DETECTED", "CONTAINED",
                    AWARE.plusSeconds(7200), "commander-1")),
            Map.entry(RiskAssessed.TYPE, new RiskAssessed(INCIDENT, UUID.randomUUID(), "HIGH", "MEDIUM", "HIGH_RISK",
                    true, AWARE.plusSeconds(600))),
            Map.entry(StatusUpdatePublished.TYPE, new StatusUpdatePublished(INCIDENT, UUID.randomUUID(), 1,
                    "INVESTIGATING", "PUBLIC", Map.of("en", "We are investigating.", "de", "Wir untersuchen den Vorfall."),
                    true, AWARE.plusSeconds(900), AWARE.plusSeconds(900 + 86_400), true, "commander-1")),
            Map.entry(StatusUpdateOverdue.TYPE, new StatusUpdateOverdue(INCIDENT, AWARE.plusSeconds(86_400),
                    AWARE.plusSeconds(86_460))),
            Map.entry(AffectedPopulationSummarized.TYPE, new AffectedPopulationSummarized(INCIDENT, 1500,
                    List.of(new AffectedPopulationSummarized.PopulationCount("DE", null, 1200),
                            new AffectedPopulationSummarized.PopulationCount("US", null, 300),
                            new AffectedPopulationSummarized.PopulationCount("US", "US-TX", 300)),
                    List.of(DataCategory.CONTACT), AWARE.plusSeconds(1800))),
            Map.entry(AffectedCustomerAdded.TYPE, new AffectedCustomerAdded(INCIDENT, CUSTOMER, AWARE)),
            Map.entry(AffectedCustomerUpdated.TYPE, new AffectedCustomerUpdated(INCIDENT, CUSTOMER, AWARE)),
            Map.entry(AffectedCustomerRemoved.TYPE, new AffectedCustomerRemoved(INCIDENT, "C-1001", AWARE)),
            Map.entry(CustomerErased.TYPE, new CustomerErased("C-1001", AWARE)),
            Map.entry(PublicSubscriberConfirmed.TYPE, new PublicSubscriberConfirmed("S-1", "reader@example.org", null,
                    "de", AWARE, "https://status.example.org/status/subscriptions/unsubscribe?token=abc.def")),
            Map.entry(PublicSubscriberRemoved.TYPE, new PublicSubscriberRemoved("S-1", AWARE)),
            Map.entry(NotificationRequested.TYPE, new NotificationRequested(UUID.randomUUID(), "compliance:reminder:1",
                    "compliance-service", "dpo-deadline-reminder", INCIDENT,
                    new NotificationRequested.Recipient(null, "dpo@example.org", null, "en"),
                    Map.of("regime", "GDPR_ART33"), true, true)),
            Map.entry(NotificationDelivered.TYPE, new NotificationDelivered(UUID.randomUUID(), INCIDENT, "C-1001",
                    "breach-notice", "EMAIL", "smtp", AWARE.plusSeconds(60))),
            Map.entry(NotificationBatchDelivered.TYPE, new NotificationBatchDelivered(UUID.randomUUID(), List.of(
                    new NotificationBatchDelivered.Delivered(UUID.randomUUID(), INCIDENT, "C-1001", "breach-notice", "EMAIL",
                            "smtp", AWARE.plusSeconds(60)),
                    new NotificationBatchDelivered.Delivered(UUID.randomUUID(), INCIDENT, "C-1001", "breach-notice", "SMS",
                            "sms-primary", AWARE.plusSeconds(61))))),
            Map.entry(NotificationFailed.TYPE, new NotificationFailed(UUID.randomUUID(), INCIDENT, "C-1001",
                    "breach-notice", "SMS", "invalid number", AWARE.plusSeconds(60))),
            Map.entry(NotificationNotReached.TYPE, new NotificationNotReached(UUID.randomUUID(), INCIDENT, "C-1001",
                    "breach-notice", List.of(new NotificationNotReached.Attempt("EMAIL", "mailbox does not exist"),
                            new NotificationNotReached.Attempt("SMS", "number not reachable")),
                    AWARE.plusSeconds(120))),
            Map.entry(NotificationProgressReported.TYPE, new NotificationProgressReported(UUID.randomUUID(), INCIDENT,
                    UUID.randomUUID(), 1, "breach-notice", "AFFECTED", 2000, 1200, 300, 4, 1, 795,
                    AWARE.plusSeconds(90))),
            Map.entry(NotificationCompleted.TYPE, new NotificationCompleted(UUID.randomUUID(), INCIDENT,
                    UUID.randomUUID(), 1, "breach-notice", "AFFECTED", 2000, 1990, 1500, 8, 2, 1000, 998,
                    AWARE.plusSeconds(60), AWARE.plusSeconds(400))),
            Map.entry(NotificationSendControlled.TYPE, new NotificationSendControlled(UUID.randomUUID(), INCIDENT,
                    UUID.randomUUID(), 1, "breach-notice", "AFFECTED", 250_000, "APPROVED", "commander-2", "commander-1",
                    AWARE.plusSeconds(60), AWARE.plusSeconds(300))),
            Map.entry(TicketOpened.TYPE, new TicketOpened(UUID.randomUUID(), "HOTLINE", "breach-hotline", "HIGH",
                    INCIDENT, "C-1001", "de", AWARE.plusSeconds(7200))),
            Map.entry(TicketResolved.TYPE, new TicketResolved(UUID.randomUUID(), "CHAT", "breach-hotline", INCIDENT,
                    "C-1001", "de", "DE", AWARE.plusSeconds(9000))),
            Map.entry(SlaAtRisk.TYPE, new SlaAtRisk(UUID.randomUUID(), "breach-hotline", "HIGH", "FIRST_RESPONSE",
                    AWARE.plusSeconds(10_800), INCIDENT, AWARE.plusSeconds(10_080))),
            Map.entry(SlaBreached.TYPE, new SlaBreached(UUID.randomUUID(), "breach-hotline", "HIGH", "RESOLUTION",
                    INCIDENT, AWARE.plusSeconds(90_000))),
            Map.entry(OfferGranted.TYPE, new OfferGranted(UUID.randomUUID(), UUID.randomUUID(), INCIDENT,
                    "CREDIT_MONITORING", "C-1001", AWARE.plusSeconds(86_400))),
            Map.entry(ClaimDecided.TYPE, new ClaimDecided(UUID.randomUUID(), INCIDENT, "C-1001", "APPROVED",
                    new java.math.BigDecimal("120.00"), "EUR", "supervisor-1", AWARE.plusSeconds(172_800))),
            Map.entry(FollowUpRequested.TYPE, new FollowUpRequested(UUID.randomUUID(), UUID.randomUUID(), INCIDENT,
                    "C-1001", "de", "NPS", 3, AWARE.plusSeconds(86_400))),
            Map.entry(ResponseReceived.TYPE, new ResponseReceived(UUID.randomUUID(), UUID.randomUUID(), 2, INCIDENT, 1,
                    "de", "DE", "retail", "INCIDENT", 9, null, 4, AWARE.plusSeconds(86_400))),
            Map.entry(ScoreChanged.TYPE, new ScoreChanged(INCIDENT, 120, 12.5, 0.4, 24.6, 3.4,
                    AWARE.plusSeconds(172_800))),
            Map.entry(ObligationUpdated.TYPE, new ObligationUpdated(UUID.randomUUID(), INCIDENT, "GDPR_ART33",
                    "Lead supervisory authority", "AWARENESS", false, AWARE.plusSeconds(259_200), false, "OPEN",
                    AWARE.plusSeconds(60))),
            Map.entry(ObligationOverdue.TYPE, new ObligationOverdue(UUID.randomUUID(), INCIDENT, "GDPR_ART33",
                    "Lead supervisory authority", AWARE.plusSeconds(259_200), AWARE.plusSeconds(259_230))),
            Map.entry(AuditCheckpointed.TYPE, new AuditCheckpointed(7, 1_204, 1_204,
                    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", AWARE.plusSeconds(3_600),
                    "Ed25519", "3b1c5a0e7d2f4c6b8a9e0d1f2c3b4a5968778695a4b3c2d1e0f1a2b3c4d5e6f7",
                    "x0Y1hL9cV3o2p5z0Q8m7Yw4t6uR2s1vN3b5k7j9h0g2f4d6s8a0p1o3i5u7y9t1r3e5w7q9z1x3c5v7b9n1m3lA==")),
            Map.entry(OrganisationProfileChanged.TYPE, new OrganisationProfileChanged("Beispiel Energie GmbH",
                    new OrganisationProfileChanged.Dpo("Dana Schutz", "datenschutz@beispiel-energie.de", "+4930123456"),
                    "+49 800 1234567", Map.of("en", "Mon–Fri 8:00–20:00 CET", "de", "Mo–Fr 8–20 Uhr"),
                    AWARE.plusSeconds(60))));

    private EventSamples() {
    }
}
