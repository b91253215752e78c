package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.address;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
import static org.candor.notification.support.Fixtures.inTx;
import static org.candor.notification.support.Fixtures.mailsTo;
import static org.candor.notification.support.Fixtures.phone;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.smsAccepted;
import static org.candor.notification.support.Fixtures.uniqueId;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.MutableClock;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** An update marked urgent is texted at once, at night too; everything else keeps to quiet hours. */
@QuarkusTest
@TestProfile(PreferencesAndQuietHoursTest.NightsAreQuiet.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class UrgentUpdateTest {

    /** 23:30 in Berlin. */
    private static final Instant NIGHT = Instant.parse("2030-01-15T22:30:00Z");
    /** 08:00 in Berlin the next morning, when quiet hours end. */
    private static final Instant MORNING = Instant.parse("2030-01-16T07:00:00Z");

    @Inject
    MutableClock clock;

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void urgentUpdateIsTextedAtNight() {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("URGENT");
        affect(incident, customer(id, "de", "DE", true, true));
        awaitRecipient(id);
        clock.runFrom(NIGHT);

        send(update(incident, UUID.randomUUID(), true));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(smsAccepted(phone(id))).hasSize(1);
            assertThat(mailsTo(address(id))).hasSize(1);
        });
    }

    @Test
    void updateNotMarkedUrgentWaitsForTheMorning() {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("ROUTINE");
        affect(incident, customer(id, "de", "DE", true, true));
        awaitRecipient(id);
        clock.runFrom(NIGHT);
        UUID updateId = UUID.randomUUID();

        send(update(incident, updateId, false));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        UUID smsKey = DeliveryKeys.of("update:" + incident + ":" + updateId + ":1:AFFECTED", id, Channel.SMS);
        Delivery sms = inTx(() -> Delivery.<Delivery>findById(smsKey));
        assertThat(sms.status).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(sms.nextAttemptAt).isEqualTo(MORNING);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(id))).isEmpty());
    }

    @Test
    void breachNoticeIsNotUrgentUnlessTheCommanderSaysSo() throws Exception {
        UUID incident = Fixtures.incident(true, DataCategory.CREDENTIALS);
        String id = uniqueId("NOTICE");
        affect(incident, customer(id, "de", "DE", true, true));
        awaitRecipient(id);
        clock.runFrom(NIGHT);
        UUID updateId = UUID.randomUUID();

        send(update(incident, updateId, false));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        assertThat(mailsTo(address(id)).get(0).getSubject()).startsWith("Wichtig: Ein Sicherheitsvorfall");
        UUID smsKey = DeliveryKeys.of("update:" + incident + ":" + updateId + ":1:AFFECTED", id, Channel.SMS);
        assertThat(inTx(() -> Delivery.<Delivery>findById(smsKey)).nextAttemptAt).isEqualTo(MORNING);
    }

    @Test
    void breachNoticeMarkedUrgentIsTextedAtNight() {
        UUID incident = Fixtures.incident(true, DataCategory.CREDENTIALS);
        String id = uniqueId("NOTICE-NOW");
        affect(incident, customer(id, "de", "DE", true, true));
        awaitRecipient(id);
        clock.runFrom(NIGHT);

        send(update(incident, UUID.randomUUID(), true));

        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(id))).hasSize(1));
        // Email and SMS go out on their own lanes: the mail may arrive after the SMS.
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id)))
                .extracting(jakarta.mail.internet.MimeMessage::getSubject)
                .singleElement().asString().startsWith("Wichtig: Ein Sicherheitsvorfall"));
    }

    private static StatusUpdatePublished update(UUID incident, UUID updateId, boolean urgent) {
        return new StatusUpdatePublished(incident, updateId, 1, "IDENTIFIED", "AFFECTED",
                Map.of("en", "We reset every password.", "de", "Wir haben alle Passwörter zurückgesetzt."), true,
                Instant.now(), null, urgent);
    }

    private static void awaitRecipient(String id) {
        await().atMost(WAIT).until(() -> inTx(() -> Recipient.findById(id)) != null);
    }
}
