package org.candor.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.address;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
import static org.candor.notification.support.Fixtures.mailsTo;
import static org.candor.notification.support.Fixtures.part;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.uniqueId;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.Message;
import org.candor.notification.domain.Recipient;
import org.candor.notification.rest.ReceiptResourceAccess;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A correction (the next revision of an update that went out) goes to exactly the people the update
 * reached, not to the incident's whole audience as it stands now.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class CorrectionTest {

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @Test
    void aCorrectionGoesToExactlyThePeopleTheUpdateReached() throws Exception {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String reached = uniqueId("GOT");
        String bounced = uniqueId("BOUNCED");
        String optedOut = uniqueId("OPTED");
        for (String id : new String[] {reached, bounced, optedOut}) {
            affect(incident, customer(id, "en", "GB", true, false));
            awaitRecipient(id);
        }
        preferences(optedOut, true);
        UUID update = UUID.randomUUID();
        send(revision(incident, update, 1, "The portal is closed until Friday."));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(reached))).hasSize(1);
            assertThat(mailsTo(address(bounced))).hasSize(1);
        });
        bounce(DeliveryKeys.of("update:" + incident + ":" + update + ":1:AFFECTED", bounced, Channel.EMAIL));
        // Now in the audience on email, but they never received the update that is corrected.
        preferences(optedOut, false);
        String late = uniqueId("LATE");
        affect(incident, customer(late, "en", "GB", true, false));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(late))).hasSize(1));

        send(revision(incident, update, 2, "Correction: the portal is open again from Wednesday."));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(reached))).hasSize(2);
            assertThat(mailsTo(address(late))).hasSize(2);
        });
        assertThat(part(mailsTo(address(reached)).get(1), "text/plain")).contains("open again from Wednesday");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(mailsTo(address(bounced))).hasSize(1);
            assertThat(mailsTo(address(optedOut))).isEmpty();
        });
        Message correction = Fixtures.inTx(() -> Message.<Message>find("updateId = ?1 and revision = 2", update).firstResult());
        Message corrected = Fixtures.inTx(() -> Message.<Message>find("updateId = ?1 and revision = 1", update).firstResult());
        assertThat(correction.corrects).isEqualTo(corrected.id);
        assertThat(correction.audienceSize).isEqualTo(2);
    }

    private static StatusUpdatePublished revision(UUID incident, UUID update, int revision, String text) {
        return new StatusUpdatePublished(incident, update, revision, "IDENTIFIED", "AFFECTED", Map.of("en", text), true,
                Instant.now(), null, false, "commander-1");
    }

    private static void preferences(String id, boolean emailOptOut) {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json")
                .body("{\"emailOptOut\":" + emailOptOut + ",\"smsOptOut\":false}").put("/api/recipients/" + id + "/preferences")
                .then().statusCode(200);
    }

    private static void bounce(UUID delivery) {
        String receipt = "{\"messageId\":\"<" + delivery + "@notification.candor.local>\",\"status\":\"BOUNCED\"}";
        await().atMost(WAIT).untilAsserted(() -> given().header("X-Candor-Signature", ReceiptResourceAccess.signEmail(receipt))
                .contentType("application/json").body(receipt).post("/api/receipts/email").then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("BOUNCED")));
    }

    private static void awaitRecipient(String id) {
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.findById(id)) != null);
    }
}
