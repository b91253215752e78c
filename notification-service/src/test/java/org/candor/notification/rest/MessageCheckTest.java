package org.candor.notification.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.mailsTo;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.uniqueId;
import static org.hamcrest.Matchers.containsString;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.candor.contracts.notification.NotificationRequested;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.MutableClock;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/** "Is this message from us?": the reference an email carries, looked up on the public check page. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class MessageCheckTest {

    private static final Pattern REFERENCE = Pattern.compile("CND-[0-9A-Z]{5}-[0-9A-Z]{5}");
    /** Each test in a minute of its own, so the per-client limit (10 a minute) of one does not reach another. */
    private static final AtomicInteger DAYS_AHEAD = new AtomicInteger();

    @Inject
    MutableClock clock;

    @BeforeEach
    void freshWindow() {
        clock.runFrom(java.time.Instant.now().plus(Duration.ofDays(1 + DAYS_AHEAD.getAndIncrement())));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A support reply sent to a fresh address, delivered and recorded; its mail. */
    private MimeMessage sentMail() {
        String to = uniqueId("check").toLowerCase() + "@customers.example.org";
        send(new NotificationRequested(UUID.randomUUID(), "support:" + UUID.randomUUID(), "support-service",
                "support-reply", null, new NotificationRequested.Recipient(null, to, null, "en"),
                Map.of("ticketId", "T-9", "reply", "Your account is safe again."), false, false));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(to)).hasSize(1));
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Delivery.count("address = ?1 and status = ?2", to,
                DeliveryStatus.SENT)) == 1);
        return mailsTo(to).get(0);
    }

    private static String referenceIn(MimeMessage mail) throws Exception {
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher matcher = REFERENCE.matcher(text);
        assertThat(matcher.find()).as("a reference in the email").isTrue();
        return matcher.group();
    }

    private static ExtractableResponse<Response> json(String ref) {
        return given().accept("application/json").queryParam("ref", ref).get("/check").then().extract();
    }

    @Test
    void aSentEmailsReferenceTellsItsChannelDayAndSubjectAndNothingAboutThePerson() throws Exception {
        MimeMessage mail = sentMail();
        String reference = referenceIn(mail);

        ExtractableResponse<Response> answer = json(reference);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.jsonPath().getMap("")).containsOnlyKeys("reference", "channel", "sentOn", "subject");
        assertThat(answer.jsonPath().getString("reference")).isEqualTo(reference);
        assertThat(answer.jsonPath().getString("channel")).isEqualTo("EMAIL");
        assertThat(answer.jsonPath().getString("sentOn")).isEqualTo(clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString());
        assertThat(answer.jsonPath().getString("subject")).isEqualTo(mail.getSubject());
    }

    @Test
    void aReferenceTypedLooselyIsFoundToo() throws Exception {
        String reference = referenceIn(sentMail());
        String typed = " " + reference.toLowerCase().replace("-", "").replace('0', 'o') + " ";

        assertThat(json(typed).jsonPath().getString("reference")).isEqualTo(reference);
    }

    @Test
    void somethingThatIsNotAReferenceIs400NamingTheField() {
        ExtractableResponse<Response> answer = json("CND-12345");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.jsonPath().getString("errors[0].field")).isEqualTo("ref");
    }

    @Test
    void aMistypedReferenceAndOneNeverIssuedGetTheSameAnswer() throws Exception {
        String reference = referenceIn(sentMail());
        char last = reference.charAt(reference.length() - 1);
        String mistyped = reference.substring(0, reference.length() - 1) + (last == 'Z' ? 'Y' : (char) (last + 1));

        ExtractableResponse<Response> wrong = json(mistyped.replace("I", "J").replace("L", "M").replace("O", "P").replace("U", "V"));
        ExtractableResponse<Response> unknown = json("CND-00000-00000");

        assertThat(wrong.statusCode()).isEqualTo(404);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(wrong.body().asString()).isEqualTo(unknown.body().asString());
    }

    @Test
    void theGermanPageConfirmsAMessageAndSaysWhatWeNeverAskFor() throws Exception {
        String reference = referenceIn(sentMail());

        given().accept("text/html").queryParam("ref", reference).queryParam("lang", "de").get("/check").then()
                .statusCode(200).header("Referrer-Policy", "no-referrer")
                .body(containsString("Ja, diese Nachricht ist von uns"))
                .body(containsString("<dd id=\"channel\">E-Mail</dd>"))
                .body(containsString("Wir fragen Sie nie nach Passwort, PIN oder Zahlungsdaten"));
    }

    @Test
    void moreThanTenChecksAMinuteFromOneClientAreRefused() {
        for (int i = 0; i < 10; i++) {
            given().accept("application/json").queryParam("ref", "CND-00000-0000" + i).get("/check").then().statusCode(404);
        }

        given().accept("application/json").queryParam("ref", "CND-00000-00000").get("/check").then().statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .contentType(containsString("application/problem+json"));
        given().accept("text/html").queryParam("ref", "CND-00000-00000").get("/check").then().statusCode(429)
                .body(containsString("Too many requests"));
    }
}
