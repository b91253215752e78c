package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.address;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
import static org.candor.notification.support.Fixtures.mailsTo;
import static org.candor.notification.support.Fixtures.part;
import static org.candor.notification.support.Fixtures.phone;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.smsAccepted;
import static org.candor.notification.support.Fixtures.smsTo;
import static org.candor.notification.support.Fixtures.uniqueId;
import static org.candor.notification.support.Fixtures.update;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.CustomerErased;
import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class FanOutTest {

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @Test
    void affectedUpdateReachesEveryAffectedCustomerOnBothChannelsInTheirLanguage() throws Exception {
        UUID incident = Fixtures2.highRiskIncident();
        String german = uniqueId("DE");
        String english = uniqueId("EN");
        affect(incident, customer(german, "de", "DE", true, true));
        affect(incident, customer(english, "en-GB", "GB", true, true));
        awaitRecipients(german, english);
        UUID updateId = UUID.randomUUID();

        send(update(incident, updateId, 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(german))).hasSize(1);
            assertThat(mailsTo(address(english))).hasSize(1);
            assertThat(smsAccepted(phone(german))).hasSize(1);
            assertThat(smsAccepted(phone(english))).hasSize(1);
        });
        MimeMessage toGerman = mailsTo(address(german)).get(0);
        assertThat(toGerman.getSubject()).isEqualTo("Wichtig: Ein Sicherheitsvorfall betrifft Ihre persönlichen Daten");
        assertThat(part(toGerman, "text/plain")).contains("Guten Tag Kim " + german);
        assertThat(part(toGerman, "text/html")).contains("<html lang=\"de\">");
        assertThat(mailsTo(address(english)).get(0).getSubject())
                .isEqualTo("Important: a security incident concerns your personal data");
        assertThat(smsTo(phone(german)).get(0).getBodyAsString()).contains("Sicherheitsvorfall");
    }

    @Test
    void messageIdAndSmsIdempotencyKeyAreTheDeliveryId() throws Exception {
        UUID incident = Fixtures2.highRiskIncident();
        String id = uniqueId("KEY");
        affect(incident, customer(id, "en", "GB", true, true));
        awaitRecipients(id);
        UUID updateId = UUID.randomUUID();

        send(update(incident, updateId, 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(id))).hasSize(1);
            assertThat(smsAccepted(phone(id))).hasSize(1);
        });
        String sourceKey = "update:" + incident + ":" + updateId + ":1:AFFECTED";
        UUID emailKey = DeliveryKeys.of(sourceKey, id, Channel.EMAIL);
        UUID smsKey = DeliveryKeys.of(sourceKey, id, Channel.SMS);
        assertThat(mailsTo(address(id)).get(0).getMessageID()).isEqualTo("<" + emailKey + "@notification.candor.local>");
        assertThat(smsAccepted(phone(id)).get(0).getRequest().getHeader("Idempotency-Key")).isEqualTo(smsKey.toString());
        assertThat(org.candor.notification.support.Fixtures.inTx(() -> Delivery.<Delivery>findById(emailKey))).isNotNull();
    }

    @Test
    void customersOfAnotherIncidentHearNothing() {
        UUID incident = Fixtures2.highRiskIncident();
        UUID otherIncident = Fixtures2.highRiskIncident();
        String affected = uniqueId("IN");
        String bystander = uniqueId("OUT");
        affect(incident, customer(affected, "en", "GB", true, true));
        affect(otherIncident, customer(bystander, "en", "GB", true, true));
        awaitRecipients(affected, bystander);

        send(update(incident, UUID.randomUUID(), 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(affected))).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(affected))).hasSize(1));
        assertThat(mailsTo(address(bystander))).isEmpty();
        assertThat(smsTo(phone(bystander))).isEmpty();
    }

    @Test
    void republishedIdenticalUpdateIsNotSentAgain() throws Exception {
        UUID incident = Fixtures2.highRiskIncident();
        String id = uniqueId("TWICE");
        String later = uniqueId("LATER");
        affect(incident, customer(id, "en", "GB", true, true));
        awaitRecipients(id);
        UUID updateId = UUID.randomUUID();
        send(update(incident, updateId, 1, "AFFECTED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));

        // The same (incident, update, revision) again, as a new event: same message, nothing new.
        send(update(incident, updateId, 1, "AFFECTED"));
        // A later customer and a new revision on the same partition prove the repeat has been consumed.
        affect(incident, customer(later, "en", "GB", true, false));
        awaitRecipients(later);
        send(update(incident, updateId, 2, "AFFECTED"));

        // Found after the breach notice went out, the later customer gets it too, and the new revision (the
        // notice's correction, still the breach notice) once.
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(later))).hasSize(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(2));
        assertThat(mailsTo(address(id)).get(1).getSubject()).startsWith("Important: a security incident");
        assertThat(smsAccepted(phone(id))).hasSize(2);
    }

    @Test
    void publicUpdateGoesToSubscribersWithTheirUnsubscribeLinkAndNotToAffectedCustomers() throws Exception {
        UUID incident = Fixtures2.highRiskIncident();
        String subscriber = uniqueId("SUB");
        String customer = uniqueId("CUST");
        send(new PublicSubscriberConfirmed(subscriber, address(subscriber), null, "de", Instant.now(),
                "https://status.example.org/unsubscribe?token=signed-" + subscriber));
        affect(incident, customer(customer, "en", "GB", true, true));
        awaitRecipients(Recipient.subscriberId(subscriber), customer);

        send(update(incident, UUID.randomUUID(), 1, "PUBLIC"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(subscriber))).hasSize(1));
        MimeMessage mail = mailsTo(address(subscriber)).get(0);
        assertThat(mail.getSubject()).isEqualTo("Candor Demo GmbH Status: Ursache gefunden");
        assertThat(part(mail, "text/plain")).contains("Abbestellen: https://status.example.org/unsubscribe?token=signed-"
                + subscriber);
        assertThat(mailsTo(address(customer))).isEmpty();
    }

    @Test
    void erasedCustomerIsForgottenAndGetsNothingMore() {
        UUID incident = Fixtures2.highRiskIncident();
        String erased = uniqueId("GONE");
        String kept = uniqueId("KEPT");
        affect(incident, customer(erased, "en", "GB", true, true));
        affect(incident, customer(kept, "en", "GB", true, false));
        awaitRecipients(erased, kept);

        send(new CustomerErased(erased, Instant.now()));
        await().atMost(WAIT).until(() -> org.candor.notification.support.Fixtures.inTx(() -> Recipient.findById(erased)) == null);
        send(update(incident, UUID.randomUUID(), 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(kept))).hasSize(1));
        assertThat(mailsTo(address(erased))).isEmpty();
        assertThat(smsTo(phone(erased))).isEmpty();
    }

    @Test
    void updateWithoutNotifyPeopleSendsNothing() {
        UUID incident = Fixtures2.highRiskIncident();
        String id = uniqueId("QUIET");
        String later = uniqueId("AFTER");
        affect(incident, customer(id, "en", "GB", true, false));
        awaitRecipients(id);
        var silent = update(incident, UUID.randomUUID(), 1, "AFFECTED");
        send(new org.candor.contracts.incident.StatusUpdatePublished(silent.incidentId(), silent.updateId(), 1,
                silent.status(), "AFFECTED", silent.messages(), false, silent.publishedAt(), null));
        affect(incident, customer(later, "en", "GB", true, false));
        awaitRecipients(later);

        send(update(incident, UUID.randomUUID(), 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(later))).hasSize(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        await().during(Duration.ofMillis(500)).atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
    }

    private static void awaitRecipients(String... ids) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (String id : ids) {
                assertThat(org.candor.notification.support.Fixtures.inTx(() -> Recipient.<Recipient>findById(id))).as("recipient " + id).isNotNull();
            }
        });
    }

    /** Incidents for these tests. */
    @Test
    void everyMessageAProviderAcceptedIsEvidencedOnceInBatchEvents() throws Exception {
        UUID incident = Fixtures2.highRiskIncident();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = uniqueId("EVIDENCE");
            customers.add(id);
            affect(incident, customer(id, "en", "GB", true, true));
        }
        awaitRecipients(customers.toArray(String[]::new));
        UUID updateId = UUID.randomUUID();
        String sourceKey = "update:" + incident + ":" + updateId + ":1:AFFECTED";
        List<String> expected = customers.stream().flatMap(id -> java.util.stream.Stream.of(
                DeliveryKeys.of(sourceKey, id, Channel.EMAIL), DeliveryKeys.of(sourceKey, id, Channel.SMS)))
                .map(UUID::toString).toList();

        send(update(incident, updateId, 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(evidencedDeliveries(incident))
                .containsExactlyInAnyOrderElementsOf(expected));
    }

    /** The delivery ids of {@code incident} in the batch events so far, each as often as it was announced. */
    private static List<String> evidencedDeliveries(UUID incident) throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<String> ids = new ArrayList<>();
        for (ConsumerRecord<String, String> record : TestKafka.readAll(Topics.NOTIFICATION_EVENTS)) {
            String type = new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
            if (NotificationBatchDelivered.TYPE.equals(type)) {
                json.readTree(record.value()).path("deliveries").forEach(delivered -> {
                    if (incident.toString().equals(delivered.path("incidentId").asText())) {
                        ids.add(delivered.path("deliveryId").asText());
                    }
                });
            }
        }
        return ids;
    }

    static final class Fixtures2 {

        static UUID highRiskIncident() {
            return org.candor.notification.support.Fixtures.incident(true, DataCategory.CONTACT, DataCategory.CREDENTIALS);
        }
    }
}
