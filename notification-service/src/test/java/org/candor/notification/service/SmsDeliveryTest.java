package org.candor.notification.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.smsAccepted;
import static org.candor.notification.support.Fixtures.smsAtPrimary;
import static org.candor.notification.support.Fixtures.smsAtSecondary;
import static org.candor.notification.support.Fixtures.send;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationFailed;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class SmsDeliveryTest {

    @BeforeEach
    @AfterEach
    void healthyProviders() throws InterruptedException {
        ProvidersTestResource.healthyGateways();
        // Let a breaker a previous test opened half-open and close again on healthy traffic.
        Thread.sleep(1600);
    }

    @Test
    void primaryAnswering503FailsOverToTheSecondaryWithTheSameIdempotencyKey() {
        answer(ProvidersTestResource.primary(), 503, "{\"code\":20503,\"message\":\"Service unavailable\"}");
        String number = number();
        String key = "support:code:" + UUID.randomUUID();

        send(code(key, number));

        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(number)).hasSize(1));
        String deliveryKey = DeliveryKeys.of("request:" + key, DeliveryKeys.DIRECT, Channel.SMS).toString();
        assertThat(smsAtSecondary(number)).singleElement()
                .satisfies(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(deliveryKey));
        assertThat(smsAtPrimary(number)).isNotEmpty()
                .allSatisfy(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(deliveryKey));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.SENT));
        assertThat(delivery(key).provider).isEqualTo("sms-secondary");
    }

    @Test
    void invalidNumberIsAPermanentFailureWithoutFailoverAndGoesToTheDeadLetterTopic() {
        answer(ProvidersTestResource.primary(), 400, "{\"code\":21211,\"message\":\"Invalid 'To' Phone Number\"}");
        String number = number();
        String key = "support:code:" + UUID.randomUUID();

        send(code(key, number));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.FAILED));
        assertThat(delivery(key).attempts).isEqualTo((short) 1);
        assertThat(delivery(key).lastError).contains("400").contains("21211");
        assertThat(smsAtSecondary(number)).isEmpty();
        String deliveryId = delivery(key).id.toString();
        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(Topics.deadLetter("notification"),
                r -> deliveryId.equals(r.key()), WAIT);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("21211");
        TestKafka.awaitRecord(Topics.NOTIFICATION_EVENTS, r -> deliveryId.equals(r.key())
                && NotificationFailed.TYPE.equals(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)),
                WAIT);
    }

    @Test
    void bothProvidersFailingAreRetriedWithBackoffUntilTheLastAttemptThenFailed() {
        answer(ProvidersTestResource.primary(), 500, "{}");
        answer(ProvidersTestResource.secondary(), 429, "{\"code\":20429}");
        String number = number();
        String key = "support:code:" + UUID.randomUUID();

        send(code(key, number));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.FAILED));
        // max-attempts is 3 in tests; each attempt tries the secondary (twice, one quick retry) after the primary.
        assertThat(delivery(key).attempts).isEqualTo((short) 3);
        assertThat(delivery(key).lastError).startsWith("gave up after 3 attempts");
        assertThat(smsAtSecondary(number)).hasSize(6);
        assertThat(smsAccepted(number)).isEmpty();
    }

    @Test
    void transientFailureIsRetriedLaterAndThenSent() {
        WireMockServer primary = ProvidersTestResource.primary();
        WireMockServer secondary = ProvidersTestResource.secondary();
        answer(primary, 503, "{}");
        answer(secondary, 503, "{}");
        String number = number();
        String key = "support:code:" + UUID.randomUUID();

        send(code(key, number));
        await().atMost(WAIT).untilAsserted(() -> {
            Delivery waiting = delivery(key);
            assertThat(waiting).isNotNull();
            assertThat(waiting.status).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(waiting.attempts).isGreaterThanOrEqualTo((short) 1);
        });
        ProvidersTestResource.healthyGateways();

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.SENT));
        assertThat(smsAccepted(number)).hasSize(1);
    }

    @Test
    void openBreakerSendsTrafficToTheSecondaryAndItComesBackWhenThePrimaryRecovers() {
        answer(ProvidersTestResource.primary(), 503, "{}");
        for (int i = 0; i < 3; i++) {
            String number = number();
            send(code("support:code:" + UUID.randomUUID(), number));
            await().atMost(WAIT).untilAsserted(() -> assertThat(smsAtSecondary(number)).hasSize(1));
        }
        // The primary is healthy again, but its breaker is open: the next message skips it.
        ProvidersTestResource.healthyGateways();
        String whileOpen = number();
        send(code("support:code:" + UUID.randomUUID(), whileOpen));
        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAtSecondary(whileOpen)).hasSize(1));
        assertThat(smsAtPrimary(whileOpen)).isEmpty();

        // After the breaker's delay (1.5 s in tests) the primary is tried again and takes the traffic back.
        String afterRecovery = number();
        await().pollDelay(java.time.Duration.ofMillis(1600)).atMost(WAIT).until(() -> true);
        send(code("support:code:" + UUID.randomUUID(), afterRecovery));
        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAtPrimary(afterRecovery)).hasSize(1));
        assertThat(smsAtSecondary(afterRecovery)).isEmpty();
    }

    @Test
    void deliveryReceiptMarksTheSmsDelivered() {
        String number = number();
        String key = "support:code:" + UUID.randomUUID();
        send(code(key, number));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.SENT));
        String sid = delivery(key).providerRef;

        receipt(sid, "delivered").then().statusCode(200).body("status", equalTo("DELIVERED"));

        assertThat(status(key)).isEqualTo(DeliveryStatus.DELIVERED);
    }

    @Test
    void undeliveredReceiptMarksTheSmsBouncedAndPublishesTheFailure() {
        String number = number();
        String key = "support:code:" + UUID.randomUUID();
        send(code(key, number));
        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.SENT));

        receipt(delivery(key).providerRef, "undelivered").then().statusCode(200).body("status", equalTo("BOUNCED"));

        String deliveryId = delivery(key).id.toString();
        ConsumerRecord<String, String> failed = TestKafka.awaitRecord(Topics.NOTIFICATION_EVENTS,
                r -> deliveryId.equals(r.key()) && NotificationFailed.TYPE.equals(
                        new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)), WAIT);
        assertThat(failed.value()).contains("bounced: undelivered");
    }

    @Test
    void receiptWithAForgedSignatureIs403() {
        given().header("X-Twilio-Signature", "forged").formParam("MessageSid", "SM1").formParam("MessageStatus", "delivered")
                .post("/api/receipts/sms").then().statusCode(403);
    }

    private static io.restassured.response.Response receipt(String sid, String status) {
        String signature = org.candor.notification.rest.ReceiptResourceAccess.sign(
                "http://localhost/api/receipts/sms" + "MessageSid" + sid + "MessageStatus" + status);
        return given().header("X-Twilio-Signature", signature).formParam("MessageSid", sid)
                .formParam("MessageStatus", status).post("/api/receipts/sms");
    }

    private static void answer(WireMockServer server, int status, String body) {
        server.resetMappings();
        server.stubFor(post(urlPathMatching(ProvidersTestResource.MESSAGES_PATH))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static DeliveryStatus status(String key) {
        Delivery delivery = delivery(key);
        return delivery == null ? null : delivery.status;
    }

    private static Delivery delivery(String key) {
        return Fixtures.inTx(() -> Delivery.findById(DeliveryKeys.of("request:" + key, DeliveryKeys.DIRECT, Channel.SMS)));
    }

    private static String number() {
        return Fixtures.phone(UUID.randomUUID().toString());
    }

    private static NotificationRequested code(String key, String number) {
        return new NotificationRequested(UUID.randomUUID(), key, "support-service", "support-verification-code", null,
                new NotificationRequested.Recipient(null, null, number, "en"), Map.of("code", "482913", "validMinutes", "10"),
                true, true);
    }
}
