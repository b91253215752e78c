package org.candor.incident.subscriptions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.contracts.customer.PublicSubscriberRemoved;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class SubscriptionTest {

    @Inject
    EntityManager entityManager;

    @Test
    void anEmailSubscriptionIsConfirmedThroughTheSignedLink() {
        String email = "reader-" + UUID.randomUUID() + "@example.org";

        given().formParam("email", email).formParam("lang", "en").post("/status/subscriptions")
                .then().statusCode(202).body(containsString("you will receive a message to confirm"));
        JsonPath request = latestPayload(NotificationRequested.TYPE, email);
        assertThat(request.getString("messageType")).isEqualTo("status-subscription-confirmation");
        assertThat(request.getBoolean("mandatory")).isTrue();

        String link = pathOf(request.getString("parameters.confirmUrl"));
        given().get(link).then().statusCode(200).body(containsString("Confirm subscription"));
        assertThat(count(PublicSubscriberConfirmed.TYPE, email)).isZero();
        given().formParam("token", tokenOf(link)).formParam("lang", "en").post("/status/subscriptions/confirm")
                .then().statusCode(200).body(containsString("Your subscription is confirmed"));

        JsonPath confirmed = latestPayload(PublicSubscriberConfirmed.TYPE, email);
        assertThat(confirmed.getString("locale")).isEqualTo("en");
        assertThat(confirmed.getString("unsubscribeUrl")).contains("/status/subscriptions/unsubscribe?lang=en&token=");
    }

    @Test
    void subscribingAgainLooksTheSameAndSendsNothingOnceConfirmed() {
        String email = "again-" + UUID.randomUUID() + "@example.org";
        String first = given().formParam("email", email).formParam("lang", "de").post("/status/subscriptions")
                .then().statusCode(202).extract().asString();
        confirmByButton(latestPayload(NotificationRequested.TYPE, email).getString("parameters.confirmUrl"));
        long requestsBefore = count(NotificationRequested.TYPE, email);

        String second = given().formParam("email", email).formParam("lang", "de").post("/status/subscriptions")
                .then().statusCode(202).extract().asString();

        assertThat(second).isEqualTo(first);
        assertThat(count(NotificationRequested.TYPE, email)).isEqualTo(requestsBefore);
    }

    @Test
    void aGermanSubscribersConfirmationLinkOpensAGermanPage() {
        String email = "leserin-" + UUID.randomUUID() + "@example.org";
        given().formParam("email", email).formParam("lang", "de").post("/status/subscriptions").then().statusCode(202);
        String link = pathOf(latestPayload(NotificationRequested.TYPE, email).getString("parameters.confirmUrl"));

        // A browser set to English, as a shared or work computer may be: the link still decides.
        given().header("Accept-Language", "en-GB,en;q=0.9").get(link).then().statusCode(200)
                .header("Content-Language", "de").body(containsString("Abonnement bestätigen"));
    }

    @Test
    void aSecondClickOnTheConfirmationLinkSaysItIsAlreadyConfirmed() {
        String email = "twice-" + UUID.randomUUID() + "@example.org";
        given().formParam("email", email).formParam("lang", "en").post("/status/subscriptions").then().statusCode(202);
        String link = pathOf(latestPayload(NotificationRequested.TYPE, email).getString("parameters.confirmUrl"));
        confirmByButton(link);

        given().get(link).then().statusCode(200).body(containsString("already confirmed"))
                .body(org.hamcrest.Matchers.not(containsString("Confirm subscription")));
        given().formParam("token", tokenOf(link)).formParam("lang", "en").post("/status/subscriptions/confirm")
                .then().statusCode(200).body(containsString("already confirmed"));
        assertThat(count(PublicSubscriberConfirmed.TYPE, email)).isEqualTo(1);
    }

    @Test
    void aTamperedLinkIsRefusedWithAClearPage() {
        String email = "tamper-" + UUID.randomUUID() + "@example.org";
        given().formParam("email", email).post("/status/subscriptions").then().statusCode(202);
        String link = pathOf(latestPayload(NotificationRequested.TYPE, email).getString("parameters.confirmUrl"));

        given().get(link.substring(0, link.length() - 3) + "AAA").then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("invalid or has expired"));
        assertThat(count(PublicSubscriberConfirmed.TYPE, email)).isZero();
    }

    @Test
    void anSmsSubscriptionIsConfirmedWithTheCode() {
        String phone = "+49151" + (1_000_000 + (int) (Math.random() * 8_000_000));
        given().formParam("phone", phone).formParam("lang", "en").post("/status/subscriptions")
                .then().statusCode(202).body(containsString("name=\"code\""));
        String code = latestPayload(NotificationRequested.TYPE, phone).getString("parameters.code");
        String wrong = code.equals("000000") ? "111111" : "000000";

        given().formParam("phone", phone).formParam("code", wrong).post("/status/subscriptions/confirm-code")
                .then().statusCode(400);
        given().formParam("phone", phone).formParam("code", code).post("/status/subscriptions/confirm-code")
                .then().statusCode(200);

        assertThat(latestPayload(PublicSubscriberConfirmed.TYPE, phone).getString("phone")).isEqualTo(phone);
    }

    @Test
    void theCodeStopsWorkingAfterFiveWrongAttempts() {
        String phone = "+49152" + (1_000_000 + (int) (Math.random() * 8_000_000));
        given().formParam("phone", phone).post("/status/subscriptions").then().statusCode(202);
        String code = latestPayload(NotificationRequested.TYPE, phone).getString("parameters.code");
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int attempt = 0; attempt < 5; attempt++) {
            given().formParam("phone", phone).formParam("code", wrong).post("/status/subscriptions/confirm-code")
                    .then().statusCode(400);
        }

        given().formParam("phone", phone).formParam("code", code).post("/status/subscriptions/confirm-code")
                .then().statusCode(400);
    }

    @Test
    void unsubscribingAsksFirstThenForgetsTheSubscriber() {
        String email = "leave-" + UUID.randomUUID() + "@example.org";
        given().formParam("email", email).post("/status/subscriptions").then().statusCode(202);
        confirmByButton(latestPayload(NotificationRequested.TYPE, email).getString("parameters.confirmUrl"));
        JsonPath confirmed = latestPayload(PublicSubscriberConfirmed.TYPE, email);
        String unsubscribe = pathOf(confirmed.getString("unsubscribeUrl"));
        String token = unsubscribe.substring(unsubscribe.indexOf("token=") + 6);

        given().get(unsubscribe).then().statusCode(200).body(containsString("Unsubscribe"));
        assertThat(subscribers(email)).isEqualTo(1);

        given().formParam("token", token).post("/status/subscriptions/unsubscribe").then().statusCode(200);

        assertThat(subscribers(email)).isZero();
        assertThat(countFor(PublicSubscriberRemoved.TYPE, confirmed.getString("subscriberId"))).isEqualTo(1);
    }

    @Test
    void anInvalidAddressIsRefused() {
        given().formParam("email", "not-an-address").post("/status/subscriptions").then().statusCode(400);
    }

    /** What the button on the page behind the mailed link does. */
    private static void confirmByButton(String confirmUrl) {
        given().formParam("token", tokenOf(pathOf(confirmUrl))).post("/status/subscriptions/confirm").then().statusCode(200);
    }

    private static String tokenOf(String link) {
        return link.substring(link.indexOf("token=") + 6);
    }

    private static String pathOf(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private JsonPath latestPayload(String type, String contains) {
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select payload::text from outbox_event where type = :type and payload::text like :contains order by seq desc limit 1")
                .setParameter("type", type).setParameter("contains", "%" + contains + "%")
                .getResultStream().findFirst().orElse(null));
        if (payload == null) {
            throw new AssertionError("No " + type + " event mentioning " + contains);
        }
        return new JsonPath(payload);
    }

    private long count(String type, String contains) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from outbox_event where type = :type and payload::text like :contains")
                .setParameter("type", type).setParameter("contains", "%" + contains + "%").getSingleResult()).longValue());
    }

    private long countFor(String type, String aggregateId) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                "select count(e) from OutboxEvent e where e.type = :type and e.aggregateId = :id", Long.class)
                .setParameter("type", type).setParameter("id", aggregateId).getSingleResult());
    }

    private long subscribers(String email) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                "select count(s) from Subscriber s where s.email = :email", Long.class)
                .setParameter("email", email).getSingleResult());
    }
}
