package org.candor.notification.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import org.candor.contracts.CandorEvent;
import org.candor.contracts.EventCatalog;
import org.candor.contracts.customer.AffectedCustomer;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.contracts.incident.Severity;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.testsupport.TestEvents;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** Events as incident-service and other services send them, and what arrived at the providers. */
public final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Fixtures() {
    }

    /** Sends {@code event} as a CloudEvent on its topic, keyed by its aggregate id, with a fresh id. */
    public static UUID send(CandorEvent event) {
        UUID id = UUID.randomUUID();
        send(event, id);
        return id;
    }

    public static void send(CandorEvent event, UUID eventId) {
        var type = EventCatalog.of(event.getClass());
        try {
            TestEvents.sendCloudEvent(type.topic(), null, event.aggregateId(), eventId, type.type(),
                    JSON.writeValueAsString(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Declares an incident with facts, optionally assessed as a high risk to people. */
    public static UUID incident(boolean highRisk, DataCategory... categories) {
        UUID incidentId = UUID.randomUUID();
        Instant aware = Instant.parse("2026-03-27T15:30:00Z");
        send(new IncidentDeclared(incidentId, "Portal breach", "Credentials leaked", Severity.HIGH, aware, aware, aware));
        send(new IncidentDetailsChanged(incidentId, "Unauthorised access to the customer portal",
                Map.of("en", "An attacker copied customer records.", "de", "Ein Angreifer hat Kundendaten kopiert."),
                Severity.HIGH, aware, aware, List.of(categories), aware));
        send(new RiskAssessed(incidentId, UUID.randomUUID(), "HIGH", "HIGH", highRisk ? "HIGH_RISK" : "RISK", highRisk,
                aware));
        return incidentId;
    }

    public static AffectedCustomer customer(String id, String locale, String country, boolean email, boolean phone) {
        return new AffectedCustomer(id, "Kim " + id, email ? address(id) : null, phone ? phone(id) : null, locale, country,
                null, "retail");
    }

    public static void affect(UUID incidentId, AffectedCustomer customer) {
        send(new AffectedCustomerAdded(incidentId, customer, Instant.now()));
    }

    public static StatusUpdatePublished update(UUID incidentId, UUID updateId, int revision, String audience) {
        return new StatusUpdatePublished(incidentId, updateId, revision, "IDENTIFIED", audience,
                Map.of("en", "We reset every password and closed the gap.",
                        "de", "Wir haben alle Passwörter zurückgesetzt und die Lücke geschlossen."),
                true, Instant.now(), null);
    }

    public static String address(String id) {
        return id.toLowerCase().replaceAll("[^a-z0-9]", "") + "@customers.example.org";
    }

    /** A distinct E.164 number per id. */
    public static String phone(String id) {
        return "+4915" + String.format("%09d", Math.floorMod(id.hashCode(), 1_000_000_000));
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Mails GreenMail received for {@code address}. */
    public static List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : ProvidersTestResource.mail().getReceivedMessages()) {
            try {
                for (Address to : message.getAllRecipients()) {
                    if (to.toString().contains(address)) {
                        found.add(message);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    public static List<LoggedRequest> smsAtPrimary(String number) {
        return ProvidersTestResource.primary().findAll(WireMock.postRequestedFor(
                WireMock.urlPathMatching(ProvidersTestResource.MESSAGES_PATH)).withFormParam("To", WireMock.equalTo(number)));
    }

    public static List<LoggedRequest> smsAtSecondary(String number) {
        return ProvidersTestResource.secondary().findAll(WireMock.postRequestedFor(
                WireMock.urlPathMatching(ProvidersTestResource.MESSAGES_PATH)).withFormParam("To", WireMock.equalTo(number)));
    }

    /** SMS to {@code number} that either gateway accepted or was asked to take. */
    public static List<LoggedRequest> smsTo(String number) {
        List<LoggedRequest> all = new ArrayList<>(smsAtPrimary(number));
        all.addAll(smsAtSecondary(number));
        return all;
    }

    /** SMS to {@code number} that a gateway accepted (answered 201): what the person receives. */
    public static List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> smsAccepted(String number) {
        List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> accepted = new ArrayList<>();
        for (var server : List.of(ProvidersTestResource.primary(), ProvidersTestResource.secondary())) {
            for (var event : server.getAllServeEvents()) {
                var to = event.getRequest().formParameter("To");
                if (event.getResponse().getStatus() == 201 && to.isPresent() && number.equals(to.firstValue())) {
                    accepted.add(event);
                }
            }
        }
        return accepted;
    }

    public static String formParam(LoggedRequest request, String name) {
        return request.formParameter(name).firstValue();
    }

    /** The decoded part of {@code mimeType} (text/plain or text/html) of a message. */
    public static String part(MimeMessage message, String mimeType) {
        try {
            return find(message, mimeType);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(jakarta.mail.Part part, String mimeType) throws Exception {
        if (part.isMimeType(mimeType)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = find(multipart.getBodyPart(i), mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    public static final Duration WAIT = Duration.ofSeconds(30);

    /** Runs a read of the service's database in a transaction of its own. */
    public static <T> T inTx(java.util.concurrent.Callable<T> read) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(read);
    }

    /**
     * A direct email that a worker has claimed and is still handing over: IN_FLIGHT with {@code lease},
     * after {@code attempts} attempts, due at {@code due} whenever it is queued again.
     */
    public static org.candor.notification.service.DeliveryStore.Claimed claimedDirectEmail(int attempts, Instant due,
            Instant lease) {
        UUID messageId = UUID.randomUUID();
        UUID deliveryId = UUID.randomUUID();
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
            jakarta.persistence.EntityManager entityManager = io.quarkus.hibernate.orm.panache.Panache.getEntityManager();
            entityManager.createNativeQuery("insert into message (id, source_key, message_type, audience, requested_by,"
                    + " content, mandatory, urgent, published_at, created_at) values (:id, :key, 'support-reply', 'DIRECT',"
                    + " 'support-service', '{}'::jsonb, false, false, now(), now())")
                    .setParameter("id", messageId).setParameter("key", "request:test:" + messageId).executeUpdate();
            entityManager.createNativeQuery("insert into delivery (id, message_id, address, channel, locale, status, attempts,"
                    + " next_attempt_at, lease_until) values (:id, :message, 'someone@example.org', 'EMAIL', 'en', 'IN_FLIGHT',"
                    + " :attempts, :due, :lease)")
                    .setParameter("id", deliveryId).setParameter("message", messageId).setParameter("attempts", attempts)
                    .setParameter("due", due).setParameter("lease", lease)
                    .executeUpdate();
        });
        return new org.candor.notification.service.DeliveryStore.Claimed(deliveryId,
                new org.candor.notification.service.DeliveryStore.MessageView(messageId, "support-reply", null, null, false),
                org.candor.notification.domain.Channel.EMAIL, "en", attempts, null, null, "someone@example.org", null, lease);
    }
}
