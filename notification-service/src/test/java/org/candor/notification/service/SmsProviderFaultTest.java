package org.candor.notification.service;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.smsAccepted;
import static org.candor.notification.support.Fixtures.smsAtPrimary;
import static org.candor.notification.support.Fixtures.smsAtSecondary;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.notification.NotificationRequested;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryKeys;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Provider faults with WireMock as both gateways: a refused account fails over and is never the
 * message's failure; a request the provider may have taken is not given to the other provider.
 */
@QuarkusTest
@TestProfile(SmsProviderFaultTest.ImpatientProviders.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class SmsProviderFaultTest {

    /**
     * Two-second request timeouts, well under a slow gateway's five seconds yet above what a first
     * request to a cold gateway takes on a busy machine; a provider fault holds a delivery for a second.
     */
    public static class ImpatientProviders implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.notification.sms.primary.timeout", "2s",
                    "candor.notification.sms.secondary.timeout", "2s",
                    "candor.notification.sms.provider-fault-hold", "1s",
                    "candor.notification.sms.uncertain-hold", "1m");
        }
    }

    @BeforeEach
    @AfterEach
    void healthyProviders() throws InterruptedException {
        ProvidersTestResource.healthyGateways();
        // Let a breaker a previous test opened half-open and close again on healthy traffic.
        Thread.sleep(1600);
    }

    @Test
    void primaryRefusingTheAccountFailsOverToTheSecondaryAndRaisesTheAlert() {
        answer(ProvidersTestResource.primary(), 401, "{\"code\":20003,\"message\":\"Authenticate\"}");
        double faultsBefore = faults("sms-primary", "401");
        String number = number();
        String key = "support:code:" + UUID.randomUUID();

        send(code(key, number));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.SENT));
        assertThat(delivery(key).provider).isEqualTo("sms-secondary");
        assertThat(smsAtSecondary(number)).hasSize(1);
        // Not retried against the same refusal.
        assertThat(smsAtPrimary(number)).hasSize(1);
        assertThat(faults("sms-primary", "401")).isEqualTo(faultsBefore + 1);
    }

    @Test
    void bothProvidersRefusingTheAccountHoldTheDeliveryWithoutUsingUpItsAttempts() {
        answer(ProvidersTestResource.primary(), 403, "{\"code\":20003}");
        answer(ProvidersTestResource.secondary(), 401, "{\"code\":20003}");
        String number = number();
        String key = "support:code:" + UUID.randomUUID();

        send(code(key, number));

        // More rounds than max-attempts (3 in tests) allows: the delivery is still waiting, not FAILED.
        await().atMost(WAIT).until(() -> smsAtSecondary(number).size() >= 4 || status(key) == DeliveryStatus.FAILED);
        await().atMost(WAIT).untilAsserted(() -> {
            Delivery held = delivery(key);
            assertThat(held.status).isEqualTo(DeliveryStatus.QUEUED);
            assertThat(held.attempts).isZero();
            assertThat(held.lastError).contains("refused the account");
        });
        ProvidersTestResource.healthyGateways();

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.SENT));
        assertThat(smsAccepted(number)).hasSize(1);
    }

    @Test
    void attemptThatTimedOutIsOfferedToTheSameProviderOnlyWithTheSameKey() {
        slow(ProvidersTestResource.primary());
        String number = number();
        String key = "support:code:" + UUID.randomUUID();

        send(code(key, number));

        await().atMost(WAIT).until(() -> "sms-primary".equals(pinnedProvider(key)));
        assertThat(smsAtSecondary(number)).isEmpty();
        ProvidersTestResource.healthyGateways();

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.SENT));
        assertThat(delivery(key).provider).isEqualTo("sms-primary");
        assertThat(smsAtSecondary(number)).isEmpty();
        String deliveryKey = DeliveryKeys.of("request:" + key, DeliveryKeys.DIRECT, Channel.SMS).toString();
        assertThat(smsAtPrimary(number)).hasSizeGreaterThan(1)
                .allSatisfy(request -> assertThat(request.getHeader("Idempotency-Key")).isEqualTo(deliveryKey));
    }

    @Test
    void attemptThatTimedOutGoesToTheSecondaryOnceThePrimaryAnswersThatItDoesNotHaveIt() {
        // Busy rather than accepting: its late answer is a refusal, so the primary never has the message.
        slowRefusal(ProvidersTestResource.primary());
        String number = number();
        String key = "support:code:" + UUID.randomUUID();
        send(code(key, number));
        await().atMost(WAIT).until(() -> "sms-primary".equals(pinnedProvider(key)));

        answer(ProvidersTestResource.primary(), 503, "{\"code\":20503}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(status(key)).isEqualTo(DeliveryStatus.SENT));
        assertThat(delivery(key).provider).isEqualTo("sms-secondary");
        assertThat(smsAccepted(number)).hasSize(1);
    }

    @Test
    void connectionLostAfterTheRequestWasWrittenIsHeldForThePrimary() {
        WireMockServer primary = ProvidersTestResource.primary();
        primary.resetMappings();
        primary.stubFor(post(urlPathMatching(ProvidersTestResource.MESSAGES_PATH)).willReturn(aResponse()
                .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER)));
        String number = number();
        String key = "support:code:" + UUID.randomUUID();

        send(code(key, number));

        await().atMost(WAIT).until(() -> "sms-primary".equals(pinnedProvider(key)));
        assertThat(smsAtSecondary(number)).isEmpty();
    }

    private static void slow(WireMockServer server) {
        server.resetMappings();
        server.stubFor(post(urlPathMatching(ProvidersTestResource.MESSAGES_PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SMlate\",\"status\":\"queued\"}")
                .withFixedDelay(5_000)));
    }

    private static void slowRefusal(WireMockServer server) {
        server.resetMappings();
        server.stubFor(post(urlPathMatching(ProvidersTestResource.MESSAGES_PATH)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":20503}").withFixedDelay(5_000)));
    }

    private static void answer(WireMockServer server, int status, String body) {
        server.resetMappings();
        server.stubFor(post(urlPathMatching(ProvidersTestResource.MESSAGES_PATH))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    private static double faults(String provider, String status) {
        String metrics = org.candor.testsupport.Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(line -> line.startsWith("candor_notification_sms_provider_faults_total{")
                        && line.contains("provider=\"" + provider + "\"") && line.contains("status=\"" + status + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String pinnedProvider(String key) {
        return Fixtures.inTx(() -> (String) Panache.getEntityManager().createNativeQuery(
                "select pinned_provider from delivery where id = :id and status = 'QUEUED'")
                .setParameter("id", DeliveryKeys.of("request:" + key, DeliveryKeys.DIRECT, Channel.SMS))
                .getResultList().stream().filter(java.util.Objects::nonNull).findFirst().orElse(null));
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
