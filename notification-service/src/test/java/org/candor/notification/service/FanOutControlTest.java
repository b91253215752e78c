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
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.contracts.incident.DataCategory;
import org.candor.notification.domain.Delivery;
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
import io.quarkus.test.junit.TestProfile;

/**
 * Pause, resume and cancel of a running fan-out. At night in London the update's SMS wait for the end
 * of quiet hours: a fan-out that is still running, deterministically, while the test holds it.
 */
@QuarkusTest
@TestProfile(PreferencesAndQuietHoursTest.NightsAreQuiet.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class FanOutControlTest {

    /** 22:30 in London. */
    private static final Instant NIGHT = Instant.parse("2030-02-11T22:30:00Z");
    /** 09:00 in London the next day, after quiet hours. */
    private static final Instant MORNING = Instant.parse("2030-02-12T09:00:00Z");

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
    void aPausedFanOutSendsNothingEvenWhenDueAndResumingSendsEachPersonTheirMessageOnce() {
        clock.runFrom(NIGHT);
        List<String> people = waitingSms(3);
        UUID message = messageOf(people.get(0));

        commander().post("/api/messages/" + message + "/pause").then().statusCode(200)
                .body("pausedAt", notNullValue()).body("controlledBy", equalTo("test-user")).body("pending", equalTo(3));
        assertThat(statuses(message)).containsOnly(DeliveryStatus.PAUSED).hasSize(3);
        clock.runFrom(MORNING);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> people.forEach(id -> assertThat(smsAccepted(phone(id))).isEmpty()));
        commander().post("/api/messages/" + message + "/resume").then().statusCode(200).body("pausedAt", nullValue());

        await().atMost(WAIT).untilAsserted(() -> people.forEach(id -> assertThat(smsAccepted(phone(id))).hasSize(1)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(message)).containsOnly(DeliveryStatus.SENT));
    }

    @Test
    void aCancelledFanOutNeverSendsWhatWaitedAndWhatWasHandedOverStaysWhole() {
        clock.runFrom(NIGHT);
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("CANCEL");
        affect(incident, customer(id, "en", "GB", true, true));
        awaitRecipient(id);
        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));
        // The email goes at once, the SMS waits for the morning.
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        UUID message = messageOf(id);
        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(message))
                .containsExactlyInAnyOrder(DeliveryStatus.SENT, DeliveryStatus.QUEUED));

        commander().post("/api/messages/" + message + "/cancel").then().statusCode(200)
                .body("cancelledAt", notNullValue()).body("cancelled", equalTo(1)).body("total", equalTo(1))
                .body("pending", equalTo(0));
        clock.runFrom(MORNING);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .untilAsserted(() -> assertThat(smsAccepted(phone(id))).isEmpty());
        assertThat(statuses(message)).containsExactlyInAnyOrder(DeliveryStatus.SENT, DeliveryStatus.CANCELLED);
        assertThat(mailsTo(address(id))).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> commander().get("/api/messages/" + message).then()
                .body("completedAt", notNullValue()));
        commander().post("/api/messages/" + message + "/resume").then().statusCode(409);
    }

    @Test
    void pausingAFinishedFanOutIsAConflictAndChangesNothing() {
        clock.runFrom(MORNING);
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("DONE");
        affect(incident, customer(id, "en", "GB", true, false));
        awaitRecipient(id);
        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        UUID message = messageOf(id);
        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(message)).containsOnly(DeliveryStatus.SENT));

        commander().post("/api/messages/" + message + "/pause").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("has finished"));
        commander().post("/api/messages/" + message + "/cancel").then().statusCode(409);

        commander().get("/api/messages/" + message).then().body("pausedAt", nullValue()).body("cancelledAt", nullValue())
                .body("controlledBy", nullValue());
    }

    @Test
    void onlyAnIncidentCommanderHoldsAFanOutAndAnUnknownMessageIs404() {
        UUID unknown = UUID.randomUUID();

        given().auth().oauth2(CandorTestResource.token(Roles.COMPLIANCE_OFFICER))
                .post("/api/messages/" + unknown + "/pause").then().statusCode(403);
        given().post("/api/messages/" + unknown + "/pause").then().statusCode(401);
        commander().post("/api/messages/" + unknown + "/pause").then().statusCode(404)
                .contentType("application/problem+json");
    }

    /** {@code count} customers of a routine update whose SMS wait for the morning. */
    private List<String> waitingSms(int count) {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        List<String> people = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = uniqueId("HOLD");
            affect(incident, customer(id, "en", "GB", false, true));
            people.add(id);
        }
        people.forEach(FanOutControlTest::awaitRecipient);
        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(statuses(messageOf(people.get(0))))
                .containsOnly(DeliveryStatus.QUEUED).hasSize(count));
        return people;
    }

    private static UUID messageOf(String recipientId) {
        return await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Delivery.<Delivery>find("recipientId", recipientId)
                .firstResultOptional().map(d -> d.messageId).orElse(null)), java.util.Objects::nonNull);
    }

    private static List<DeliveryStatus> statuses(UUID messageId) {
        return Fixtures.inTx(() -> Delivery.<Delivery>find("messageId", messageId).list().stream().map(d -> d.status)
                .toList());
    }

    private static void awaitRecipient(String id) {
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.findById(id)) != null);
    }

    private static io.restassured.specification.RequestSpecification commander() {
        return given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json");
    }

}
