package org.candor.support.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.ticketId;
import static org.candor.support.TestData.type;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The public contact form over HTTP: the WEB ticket, the confirmation on the broker, bad fields, other sites. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ContactFormTest {

    @Test
    void submissionOpensAWebTicketAndConfirmsToTheGivenAddressInItsLanguage() {
        String email = "erika-" + UUID.randomUUID() + "@example.org";
        String reference = given().contentType(ContentType.JSON).header("Accept-Language", "de-DE,de;q=0.9")
                .body(Map.of("email", email, "subject", "Karte gesperrt?", "message", "Meine Karte geht nicht mehr."))
                .post("/contact/messages").then().statusCode(201).extract().path("reference");
        String id = ticketId(reference);

        JsonPath ticket = agent().get("/api/tickets/" + id).then().statusCode(200).extract().jsonPath();
        assertThat(ticket.getString("reference")).isEqualTo(reference).matches("T-[0-9]+");
        assertThat(ticket.getString("channel")).isEqualTo("WEB");
        assertThat(ticket.getString("subject")).isEqualTo("Karte gesperrt?");
        assertThat(ticket.getString("locale")).isEqualTo("de");
        assertThat(ticket.getString("customerId")).isNull();
        assertThat(agent().get("/api/tickets/" + id + "/messages").then().statusCode(200).extract().jsonPath()
                .getList("body", String.class)).containsExactly("Meine Karte geht nicht mehr.");

        ConsumerRecord<String, String> confirmation = TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains(email), Duration.ofSeconds(30));
        assertThat(type(confirmation)).isEqualTo(NotificationRequested.TYPE);
        JsonPath request = new JsonPath(confirmation.value());
        assertThat(request.getString("recipient.email")).isEqualTo(email);
        assertThat(request.getString("recipient.customerId")).isNull();
        assertThat(request.getString("recipient.locale")).isEqualTo("de");
        assertThat(request.getString("parameters.reply")).contains("Karte gesperrt?").contains(reference)
                .contains("Wir haben Ihre Nachricht");
    }

    @Test
    void agentsPublicReplyGoesToTheAddressOfTheForm() {
        String email = "reply-" + UUID.randomUUID() + "@example.org";
        String reference = given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "subject", "Refund", "message", "Where is my refund?", "lang", "en"))
                .post("/contact/messages").then().statusCode(201).extract().path("reference");

        agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "It is on its way."))
                .post("/api/tickets/" + ticketId(reference) + "/messages")
                .then().statusCode(201);

        JsonPath reply = new JsonPath(TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains(email) && r.value().contains("It is on its way."), Duration.ofSeconds(30)).value());
        assertThat(reply.getString("recipient.email")).isEqualTo(email);
        assertThat(reply.getString("messageType")).isEqualTo("support-reply");
    }

    @Test
    void badFieldsAreRejectedAsAProblemNamingEachField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "not-an-address", "subject", "", "message", "x".repeat(10001)))
                .post("/contact/messages").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("email", "subject", "message"));
    }

    @Test
    void formWithBadFieldsIsShownAgainWithTheErrorsAndWhatWasTyped() {
        given().contentType(ContentType.URLENC).accept(ContentType.HTML)
                .formParam("email", "erika@").formParam("subject", "Hilfe").formParam("message", "").formParam("lang", "de")
                .post("/contact").then().statusCode(400)
                .contentType(containsString("text/html"))
                .body(containsString("id=\"email-error\""))
                .body(containsString("Bitte geben Sie eine gültige E-Mail-Adresse an"))
                .body(containsString("id=\"message-error\""))
                .body(not(containsString("id=\"subject-error\"")))
                .body(containsString("value=\"Hilfe\""));
    }

    @Test
    void formPostedFromAnotherSiteIsRefusedAndOpensNoTicket() {
        String subject = "Cross-site " + UUID.randomUUID();
        given().contentType(ContentType.URLENC).accept(ContentType.HTML).header("Sec-Fetch-Site", "cross-site")
                .formParam("email", "victim@example.org").formParam("subject", subject).formParam("message", "spam")
                .post("/contact").then().statusCode(403);

        assertThat(agent().queryParam("channel", "WEB").queryParam("q", subject).get("/api/tickets").then()
                .statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void anAddressGetsAtMostThreeConfirmationsADayButEveryTicketOpens() {
        String email = "target-" + UUID.randomUUID() + "@example.org";
        for (int i = 0; i < 4; i++) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", email, "subject", "Message " + i, "message", "Hello", "lang", "en"))
                    .post("/contact/messages").then().statusCode(201);
        }

        assertThat(TestKafka.awaitRecords(Topics.NOTIFICATION_REQUESTS, r -> r.value().contains(email), 3,
                Duration.ofSeconds(30))).hasSize(3);
        assertThatThrownBy(() -> TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains(email) && r.value().contains("Message 3"), Duration.ofSeconds(3)))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void pageSpeaksTheLanguageOfAcceptLanguageAndLangWins() {
        given().header("Accept-Language", "de").get("/contact").then().statusCode(200)
                .header("Content-Language", equalTo("de")).body(containsString("Ihre E-Mail-Adresse"));
        given().header("Accept-Language", "de").queryParam("lang", "en").get("/contact").then().statusCode(200)
                .header("Content-Language", equalTo("en")).body(containsString("Your email address"));
    }
}
