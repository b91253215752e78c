package org.candor.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.phone;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.smsAccepted;
import static org.candor.notification.support.Fixtures.uniqueId;
import static org.candor.notification.support.Fixtures.update;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.contracts.incident.DataCategory;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A confirmed SMS subscriber of the status page receives a public update through the SMS gateway. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class PublicSubscriberSmsTest {

    private static final Pattern SHORT = Pattern.compile("https://notify\\.example\\.test(/s/[A-Za-z0-9_-]{12})");

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @Test
    void anSmsSubscriberGetsThePublicUpdateWithAShortUnsubscribeLinkThatLeadsToTheirSignedLink() {
        UUID incident = Fixtures.incident(true, DataCategory.CONTACT);
        String subscriber = uniqueId("S");
        String number = phone(subscriber);
        // As incident-service signs it: about 200 characters, more than an SMS segment holds with any text.
        String unsubscribe = "https://status.example.test/status/subscriptions/unsubscribe?token="
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        ("subscription-unsubscribe|" + subscriber + "|2090000000").getBytes())
                + "." + "k".repeat(43);
        assertThat(unsubscribe.length()).isGreaterThan(160);
        send(new PublicSubscriberConfirmed(subscriber, null, number, "de", Instant.now(), unsubscribe));
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.findById(Recipient.subscriberId(subscriber))) != null);

        send(update(incident, UUID.randomUUID(), 1, "PUBLIC"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(number)).hasSize(1));
        String body = smsAccepted(number).get(0).getRequest().formParameter("Body").firstValue();
        assertThat(body).startsWith("Candor Demo GmbH Status (Ursache gefunden): Wir haben alle Passwörter")
                .contains("Abmelden: https://notify.example.test/s/").doesNotContain("token=");
        assertThat(body.length()).isLessThanOrEqualTo(160);
        Matcher link = SHORT.matcher(body);
        assertThat(link.find()).isTrue();
        given().redirects().follow(false).get(link.group(1)).then().statusCode(303).header("Location", equalTo(unsubscribe));
        await().atMost(WAIT).untilAsserted(() -> assertThat(Fixtures.inTx(() -> Delivery.<Delivery>find(
                "recipientId", Recipient.subscriberId(subscriber)).firstResult().status)).isEqualTo(DeliveryStatus.SENT));
    }
}
