package org.candor.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.address;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
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
import org.candor.contracts.notification.NotificationRequested;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.MutableClock;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(PreferencesAndQuietHoursTest.NightsAreQuiet.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class PreferencesAndQuietHoursTest {

    /** The production quiet hours; the other tests run without any, so that they pass at any hour. */
    public static class NightsAreQuiet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.notification.quiet-hours.start", "21:00", "candor.notification.quiet-hours.end", "08:00");
        }
    }

    /** Midday in London and Berlin (the clock runs on from there), so no SMS waits for the morning whatever the hour. */
    private static final Instant MIDDAY = Instant.parse("2030-01-15T12:00:00Z");
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
    void optedOutOfSmsGetsRoutineUpdatesByEmailOnly() throws Exception {
        clock.runFrom(MIDDAY);
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("OPT");
        affect(incident, customer(id, "en", "GB", true, true));
        awaitRecipient(id);
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).contentType("application/json")
                .body("{\"emailOptOut\":false,\"smsOptOut\":true}")
                .put("/api/recipients/" + id + "/preferences").then().statusCode(200);

        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        assertThat(mailsTo(address(id)).get(0).getSubject()).startsWith("Update on the security incident");
        assertThat(smsAccepted(phone(id))).isEmpty();
    }

    @Test
    void mandatoryBreachNoticeIgnoresOptOutsOfEveryChannel() throws Exception {
        clock.runFrom(MIDDAY);
        UUID incident = Fixtures.incident(true, DataCategory.CREDENTIALS);
        String id = uniqueId("MUST");
        affect(incident, customer(id, "en", "GB", true, true));
        awaitRecipient(id);
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).contentType("application/json")
                .body("{\"emailOptOut\":true,\"smsOptOut\":true}")
                .put("/api/recipients/" + id + "/preferences").then().statusCode(200);

        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(id))).hasSize(1);
            assertThat(smsAccepted(phone(id))).hasSize(1);
        });
        assertThat(mailsTo(address(id)).get(0).getSubject()).startsWith("Important: a security incident");
    }

    @Test
    void nonUrgentSmsWaitsForTheEndOfQuietHoursInTheRecipientsTimeZone() {
        String id = uniqueId("NIGHT");
        registerGermanCustomer(id);
        clock.runFrom(NIGHT);
        String key = "support:link:" + UUID.randomUUID();

        send(verificationLink(key, id, false));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        Delivery sms = (Delivery) org.candor.notification.support.Fixtures.inTx(() -> Delivery.findById(DeliveryKeys.of("request:" + key, id, Channel.SMS)));
        assertThat(sms.status).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(sms.nextAttemptAt).isEqualTo(MORNING);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(id))).isEmpty());

        clock.runFrom(MORNING.plusSeconds(1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(id))).hasSize(1));
    }

    @Test
    void urgentSmsIgnoresQuietHours() {
        String id = uniqueId("URGENT");
        registerGermanCustomer(id);
        clock.runFrom(NIGHT);

        send(verificationLink("support:link:" + UUID.randomUUID(), id, true));

        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(id))).hasSize(1));
    }

    @Test
    void preferencesOfAnUnknownRecipientAre404() {
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).contentType("application/json")
                .body("{\"emailOptOut\":true,\"smsOptOut\":true}")
                .put("/api/recipients/nobody-" + UUID.randomUUID() + "/preferences").then().statusCode(404);
    }

    private static void registerGermanCustomer(String id) {
        affect(Fixtures.incident(false, DataCategory.CONTACT), customer(id, "de", "DE", true, true));
        awaitRecipient(id);
    }

    private static NotificationRequested verificationLink(String key, String customerId, boolean urgent) {
        return new NotificationRequested(UUID.randomUUID(), key, "support-service", "support-verification-link", null,
                new NotificationRequested.Recipient(customerId, null, null, "de"),
                Map.of("link", "https://support.example.org/chat?verify=t0k3n", "validMinutes", "30"), false, urgent);
    }

    private static void awaitRecipient(String id) {
        await().atMost(WAIT).until(() -> org.candor.notification.support.Fixtures.inTx(() -> Recipient.findById(id)) != null);
    }
}
