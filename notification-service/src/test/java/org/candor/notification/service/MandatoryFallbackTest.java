package org.candor.notification.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
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
import static org.candor.notification.support.Fixtures.smsTo;
import static org.candor.notification.support.Fixtures.uniqueId;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.notification.NotificationNotReached;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.domain.Recipient;
import org.candor.notification.rest.ReceiptResourceAccess;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A mandatory notice that fails permanently on one channel goes on the other; a person it reaches on no
 * channel is listed as not reached and announced. The breach notice goes by email first here
 * ({@code mandatory-notice.channels=fallback}), so the SMS is the fallback and nothing else.
 */
@QuarkusTest
@TestProfile(MandatoryFallbackTest.EmailFirst.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class MandatoryFallbackTest {

    public static class EmailFirst implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.notification.mandatory-notice.channels", "fallback");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @Test
    void aBreachNoticeWhoseEmailBouncesIsTextedInsteadOnce() throws Exception {
        UUID incident = Fixtures.incident(true, DataCategory.CONTACT, DataCategory.CREDENTIALS);
        String id = uniqueId("BOUNCE");
        affect(incident, customer(id, "en", "GB", true, true));
        awaitRecipient(id);
        UUID update = UUID.randomUUID();
        send(Fixtures.update(incident, update, 1, "AFFECTED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        UUID email = key(incident, update, id, Channel.EMAIL);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(email)).isEqualTo(DeliveryStatus.SENT));
        assertThat(smsTo(phone(id))).isEmpty();
        assertThat(Fixtures.inTx(() -> Delivery.<Delivery>findById(key(incident, update, id, Channel.SMS)))).isNull();

        bounce(email, "550 5.1.1 <" + address(id) + ">: mailbox unavailable").then().statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(id))).hasSize(1));
        assertThat(smsTo(phone(id)).get(0).getBodyAsString()).contains("security");
        bounce(email, "550 again").then().statusCode(200);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(smsAccepted(phone(id))).hasSize(1));
        assertThat(notReached(incident, Roles.INCIDENT_COMMANDER).path("total").asLong()).isZero();
    }

    @Test
    void aBreachNoticeThatFailsOnEveryChannelListsThePersonAndAnnouncesIt() throws Exception {
        UUID incident = Fixtures.incident(true, DataCategory.CONTACT, DataCategory.CREDENTIALS);
        String id = uniqueId("LOST");
        unreachable(phone(id));
        affect(incident, customer(id, "de", "DE", true, true));
        awaitRecipient(id);
        UUID update = UUID.randomUUID();
        send(Fixtures.update(incident, update, 1, "AFFECTED"));
        UUID email = key(incident, update, id, Channel.EMAIL);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(email)).isEqualTo(DeliveryStatus.SENT));

        bounce(email, "550 5.1.1 <" + address(id) + ">: mailbox unavailable").then().statusCode(200);

        UUID sms = key(incident, update, id, Channel.SMS);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(sms)).isEqualTo(DeliveryStatus.FAILED));
        JsonNode list = await().atMost(WAIT).until(() -> notReached(incident, Roles.COMPLIANCE_OFFICER),
                page -> page.path("total").asLong() == 1);
        JsonNode entry = list.path("items").get(0);
        assertThat(entry.path("customerId").asText()).isEqualTo(id);
        assertThat(entry.path("messageType").asText()).isEqualTo("breach-notice");
        assertThat(entry.path("channelsTried")).extracting(JsonNode::asText).containsExactly("EMAIL", "SMS");
        assertThat(entry.path("attempts").get(0).path("reason").asText()).contains("bounced").contains("550 5.1.1")
                .doesNotContain(address(id));
        assertThat(entry.path("attempts").get(1).path("reason").asText()).contains("21211");
        assertThat(list.toString()).doesNotContain(address(id)).doesNotContain(phone(id)).doesNotContain("Kim");

        String messageId = entry.path("messageId").asText();
        ConsumerRecord<String, String> event = TestKafka.awaitRecord(Topics.NOTIFICATION_EVENTS,
                r -> (messageId + ":" + id).equals(r.key()) && NotificationNotReached.TYPE.equals(
                        new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)), WAIT);
        JsonNode data = JSON.readTree(event.value());
        assertThat(data.path("incidentId").asText()).isEqualTo(incident.toString());
        assertThat(data.path("customerId").asText()).isEqualTo(id);
        assertThat(data.path("attempts")).extracting(a -> a.path("channel").asText()).containsExactly("EMAIL", "SMS");
        assertThat(event.value()).doesNotContain(address(id)).doesNotContain(phone(id));
    }

    @Test
    void theNotReachedListExportsAsCsvWithoutContactDetails() {
        UUID incident = Fixtures.incident(true, DataCategory.CONTACT);
        String id = uniqueId("CSV");
        unreachable(phone(id));
        affect(incident, customer(id, "en", "GB", false, true));
        awaitRecipient(id);
        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));
        await().atMost(WAIT).until(() -> notReached(incident, Roles.INCIDENT_COMMANDER).path("total").asLong() == 1);

        Response csv = given().auth().oauth2(CandorTestResource.token(Roles.COMPLIANCE_OFFICER)).accept("text/csv")
                .get("/api/incidents/" + incident + "/not-reached");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.asString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("customer_id,message_id,message_type,channels_tried,reasons,not_reached_at");
        assertThat(lines.get(1)).startsWith(id + ",").contains(",breach-notice,SMS,").contains("21211");
        assertThat(csv.asString()).doesNotContain(phone(id));
    }

    @Test
    void aRoutineUpdateThatBouncesIsNotSentOnTheOtherChannel() throws Exception {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("ROUTINE");
        affect(incident, customer(id, "en", "GB", true, true));
        awaitRecipient(id);
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json")
                .body("{\"emailOptOut\":false,\"smsOptOut\":true}").put("/api/recipients/" + id + "/preferences")
                .then().statusCode(200);
        UUID update = UUID.randomUUID();
        send(Fixtures.update(incident, update, 1, "AFFECTED"));
        UUID email = key(incident, update, id, Channel.EMAIL);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(email)).isEqualTo(DeliveryStatus.SENT));

        bounce(email, "550 5.1.1 mailbox unavailable").then().statusCode(200);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(smsTo(phone(id))).isEmpty());
        assertThat(status(email)).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(Fixtures.inTx(() -> Delivery.<Delivery>findById(key(incident, update, id, Channel.SMS)))).isNull();
        assertThat(notReached(incident, Roles.INCIDENT_COMMANDER).path("total").asLong()).isZero();
    }

    @Test
    void theNotReachedListIsForCommandersAndComplianceOfficers() {
        UUID incident = UUID.randomUUID();

        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).get("/api/incidents/" + incident + "/not-reached")
                .then().statusCode(403);
        given().get("/api/incidents/" + incident + "/not-reached").then().statusCode(401);
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/incidents/" + incident + "/not-reached?size=0").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", org.hamcrest.Matchers.equalTo("size"));
    }

    /** Both gateways answer Twilio's 21211 for this number: it cannot be reached by SMS. */
    private static void unreachable(String number) {
        for (var gateway : List.of(ProvidersTestResource.primary(), ProvidersTestResource.secondary())) {
            gateway.stubFor(post(urlPathMatching(ProvidersTestResource.MESSAGES_PATH)).atPriority(1)
                    .withFormParam("To", equalTo(number))
                    .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                            .withBody("{\"code\":21211,\"message\":\"Invalid 'To' Phone Number: " + number + "\"}")));
        }
    }

    private static Response bounce(UUID delivery, String reason) {
        String receipt = "{\"messageId\":\"<" + delivery + "@notification.candor.local>\",\"status\":\"BOUNCED\",\"reason\":"
                + Fixtures.json(reason) + "}";
        return given().header("X-Candor-Signature", ReceiptResourceAccess.signEmail(receipt))
                .contentType("application/json").body(receipt).post("/api/receipts/email");
    }

    private static JsonNode notReached(UUID incident, String role) throws Exception {
        String body = given().auth().oauth2(CandorTestResource.token(role)).get("/api/incidents/" + incident + "/not-reached")
                .then().statusCode(200).contentType("application/json").extract().asString();
        return JSON.readTree(body);
    }

    private static UUID key(UUID incident, UUID update, String recipient, Channel channel) {
        return DeliveryKeys.of("update:" + incident + ":" + update + ":1:AFFECTED", recipient, channel);
    }

    private static DeliveryStatus status(UUID delivery) {
        Delivery found = Fixtures.inTx(() -> Delivery.<Delivery>findById(delivery));
        return found == null ? null : found.status;
    }

    private static void awaitRecipient(String id) {
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.findById(id)) != null);
    }
}
