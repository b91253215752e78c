package org.candor.incident.subscriptions;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.incident.service.subscriptions.SubscriptionService;
import org.candor.testsupport.Browser;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Double opt-in that a link scanner cannot complete, with a bounded number of confirmation messages. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class SubscriptionOptInTest {

    @Inject
    EntityManager entityManager;

    @Inject
    SubscriptionService subscriptions;

    @TestHTTPResource("/")
    URL root;

    @Test
    void followingTheMailedLinkConfirmsNothing() {
        String email = "scanned-" + UUID.randomUUID() + "@example.org";
        given().formParam("email", email).post("/status/subscriptions").then().statusCode(202);
        String link = confirmLink(email);

        for (int i = 0; i < 3; i++) {
            given().get(link).then().statusCode(200);
        }
        given().head(link).then().statusCode(200);

        assertThat(count(PublicSubscriberConfirmed.TYPE, email)).isZero();
        assertThat(status(email)).isEqualTo("PENDING");
    }

    @Test
    void aPersonConfirmsWithTheButtonInTheBrowser() {
        String email = "button-" + UUID.randomUUID() + "@example.org";
        given().formParam("email", email).formParam("lang", "de").post("/status/subscriptions").then().statusCode(202);
        ChromeDriver browser = Browser.start("de");
        try {
            browser.get(root.toString().replaceAll("/$", "") + confirmLink(email));
            assertThat(browser.findElement(By.id("message")).getText()).startsWith("Möchten Sie Status-Aktualisierungen");
            assertThat(status(email)).isEqualTo("PENDING");

            WebElement question = browser.findElement(By.id("message"));
            browser.findElement(By.cssSelector("form button")).click();

            // The POST answers with a new page: wait until the question's page is gone before reading the answer.
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(question));
            assertThat(browser.findElement(By.id("message")).getText()).startsWith("Ihr Abonnement ist bestätigt");
            assertThat(Browser.policyViolations(browser)).isEmpty();
        } finally {
            browser.quit();
        }
        assertThat(count(PublicSubscriberConfirmed.TYPE, email)).isEqualTo(1);
    }

    @Test
    void anAddressGetsAtMostThreeConfirmationMailsInADay() {
        String email = "flooded-" + UUID.randomUUID() + "@example.org";
        String first = given().formParam("email", email).post("/status/subscriptions").then().statusCode(202).extract().asString();
        for (int i = 0; i < 4; i++) {
            String again = given().formParam("email", email).post("/status/subscriptions").then().statusCode(202)
                    .extract().asString();
            assertThat(again).isEqualTo(first);
        }

        assertThat(count(NotificationRequested.TYPE, email)).isEqualTo(3);
    }

    @Test
    void aNumberGetsAtMostThreeCodesInADayEvenAfterItsPendingSubscriptionIsDeleted() {
        String phone = "+49160" + (1_000_000 + (int) (Math.random() * 8_000_000));
        for (int i = 0; i < 3; i++) {
            given().formParam("phone", phone).post("/status/subscriptions").then().statusCode(202);
        }
        expire(phone);
        subscriptions.deleteExpiredPending();
        assertThat(subscribersWith(phone)).isZero();

        given().formParam("phone", phone).post("/status/subscriptions").then().statusCode(202);

        assertThat(count(NotificationRequested.TYPE, phone)).isEqualTo(3);
    }

    @Test
    void aDayAfterTheThirdMailTheAddressMayGetAnother() {
        String email = "later-" + UUID.randomUUID() + "@example.org";
        for (int i = 0; i < 3; i++) {
            given().formParam("email", email).post("/status/subscriptions").then().statusCode(202);
        }
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update subscription_confirmation_sent set sent_at = sent_at - interval '24 hours 1 second'").executeUpdate());

        given().formParam("email", email).post("/status/subscriptions").then().statusCode(202);

        assertThat(count(NotificationRequested.TYPE, email)).isEqualTo(4);
    }

    @Test
    void anUnconfirmedSubscriptionIsDeletedOnceItsLinkHasExpired() {
        String pending = "expired-" + UUID.randomUUID() + "@example.org";
        String fresh = "fresh-" + UUID.randomUUID() + "@example.org";
        given().formParam("email", pending).post("/status/subscriptions").then().statusCode(202);
        given().formParam("email", fresh).post("/status/subscriptions").then().statusCode(202);
        expire(pending);

        subscriptions.deleteExpiredPending();

        assertThat(subscribersWith(pending)).isZero();
        assertThat(subscribersWith(fresh)).isEqualTo(1);
    }

    @Test
    void confirmCodeAnswersAlikeForSubscribedWrongAndUnknown() {
        String subscribed = "+49170" + (1_000_000 + (int) (Math.random() * 8_000_000));
        given().formParam("phone", subscribed).post("/status/subscriptions").then().statusCode(202);
        String code = payloadField(subscribed, "parameters.code");
        given().formParam("phone", subscribed).formParam("code", code).post("/status/subscriptions/confirm-code")
                .then().statusCode(200);
        String pending = "+49171" + (1_000_000 + (int) (Math.random() * 8_000_000));
        given().formParam("phone", pending).post("/status/subscriptions").then().statusCode(202);
        String wrong = payloadField(pending, "parameters.code").equals("123456") ? "654321" : "123456";
        String unknown = "+49172" + (1_000_000 + (int) (Math.random() * 8_000_000));

        Response alreadySubscribed = confirmCode(subscribed, code);
        Response wrongCode = confirmCode(pending, wrong);
        Response unknownNumber = confirmCode(unknown, wrong);

        assertThat(alreadySubscribed.statusCode()).isEqualTo(wrongCode.statusCode()).isEqualTo(unknownNumber.statusCode());
        assertThat(alreadySubscribed.asString()).isEqualTo(wrongCode.asString()).isEqualTo(unknownNumber.asString());
    }

    private static Response confirmCode(String phone, String code) {
        return given().formParam("phone", phone).formParam("code", code).formParam("lang", "en")
                .post("/status/subscriptions/confirm-code");
    }

    private void expire(String contact) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "update subscriber set expires_at = now() - interval '1 second' where email = :c or phone = :c")
                .setParameter("c", contact).executeUpdate());
    }

    private String confirmLink(String email) {
        URI uri = URI.create(payloadField(email, "parameters.confirmUrl"));
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private String payloadField(String contains, String path) {
        String payload = QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select payload::text from outbox_event where type = :type and payload::text like :contains order by seq desc limit 1")
                .setParameter("type", NotificationRequested.TYPE).setParameter("contains", "%" + contains + "%")
                .getResultStream().findFirst().orElseThrow());
        return new io.restassured.path.json.JsonPath(payload).getString(path);
    }

    private long count(String type, String contains) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from outbox_event where type = :type and payload::text like :contains")
                .setParameter("type", type).setParameter("contains", "%" + contains + "%").getSingleResult()).longValue());
    }

    private String status(String email) {
        return QuarkusTransaction.requiringNew().call(() -> (String) entityManager.createNativeQuery(
                "select status from subscriber where email = :email").setParameter("email", email).getSingleResult());
    }

    private long subscribersWith(String contact) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from subscriber where email = :c or phone = :c").setParameter("c", contact)
                .getSingleResult()).longValue());
    }
}
