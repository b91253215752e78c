package org.candor.notification.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.UUID;

import org.candor.contracts.incident.DataCategory;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.Message;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class IncidentSummaryTest {

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @Test
    void addsUpTheIncidentsMessagesAndLaterReceipts() {
        UUID incident = Fixtures.incident(true, DataCategory.CONTACT);
        String[] ids = {uniqueId("S1"), uniqueId("S2"), uniqueId("S3")};
        affect(incident, customer(ids[0], "en", "GB", true, true));
        affect(incident, customer(ids[1], "de", "DE", true, false));
        affect(incident, customer(ids[2], "de", "DE", false, true));
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.count("id in ?1", List.of(ids))) == 3);

        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));

        await().atMost(WAIT).untilAsserted(() -> summary(incident, Roles.ANALYST)
                .body("messages", equalTo(1)).body("total", equalTo(4)).body("sent", equalTo(4))
                .body("pending", equalTo(0)).body("failed", equalTo(0)).body("lastCompletedAt", notNullValue()));

        Message message = Fixtures.inTx(() -> Message.<Message>find("incidentId", incident).firstResult());
        UUID delivery = DeliveryKeys.of(message.sourceKey, ids[1], Channel.EMAIL);
        String receipt = "{\"messageId\":\"<" + delivery + "@notification.candor.local>\",\"status\":\"DELIVERED\"}";
        given().header("X-Candor-Signature", ReceiptResource.hmac("HmacSHA256", "local-receipt-secret", receipt))
                .contentType("application/json").body(receipt)
                .post("/api/receipts/email").then().statusCode(200);

        summary(incident, Roles.INCIDENT_COMMANDER).body("delivered", equalTo(1)).body("sent", equalTo(4))
                .body("incidentId", equalTo(incident.toString()));
    }

    @Test
    void anIncidentNeverHeardOfHasZeroCounts() {
        UUID unknown = UUID.randomUUID();
        summary(unknown, Roles.ANALYST).body("incidentId", equalTo(unknown.toString())).body("messages", equalTo(0))
                .body("total", equalTo(0)).body("pending", equalTo(0)).body("lastCompletedAt", nullValue());
    }

    @Test
    void needsTheCommanderOrAnalystRole() {
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT))
                .get("/api/incidents/{id}/summary", UUID.randomUUID()).then().statusCode(403);
        given().get("/api/incidents/{id}/summary", UUID.randomUUID()).then().statusCode(401);
    }

    private static io.restassured.response.ValidatableResponse summary(UUID incident, String role) {
        return given().auth().oauth2(CandorTestResource.token(role))
                .get("/api/incidents/{id}/summary", incident).then().statusCode(200);
    }
}
