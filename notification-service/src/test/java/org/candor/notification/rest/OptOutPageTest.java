package org.candor.notification.rest;

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
import static org.candor.notification.support.Fixtures.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.candor.contracts.incident.DataCategory;
import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.Message;
import org.candor.notification.domain.Recipient;
import org.candor.notification.service.OptOutLinks;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.MutableClock;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class OptOutPageTest {

    private static final Pattern OPT_OUT_LINK = Pattern.compile("https://notify\\.example\\.test/opt-out/\\S+");

    @Inject
    OptOutLinks links;

    @Inject
    MutableClock clock;

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theLinkInARoutineUpdateOptsOutOfEmailOnConfirmationButNotOfTheBreachNotice() throws Exception {
        UUID routine = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("LINK");
        affect(routine, customer(id, "en", "GB", true, true));
        awaitRecipient(id);

        send(Fixtures.update(routine, UUID.randomUUID(), 1, "AFFECTED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        String link = local(optOutLink(mailsTo(address(id)).get(0)));

        // Following the link, as a mail scanner would, only asks.
        given().get(link).then().statusCode(200).header("Referrer-Policy", "no-referrer")
                .body(containsString("Stop messages like this one?")).body(containsString("<form method=\"post\""));
        assertThat(recipient(id).emailOptOut).isFalse();

        given().post(link).then().statusCode(200).body(containsString("no longer receive routine updates and surveys by email"));
        assertThat(recipient(id).emailOptOut).isTrue();
        assertThat(recipient(id).smsOptOut).isFalse();

        UUID secondUpdate = UUID.randomUUID();
        send(Fixtures.update(routine, secondUpdate, 1, "AFFECTED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(id))).hasSize(2));
        assertThat(Fixtures.inTx(() -> Delivery.count("messageId = ?1 and recipientId = ?2 and channel = ?3",
                messageOf(secondUpdate).id, id, Channel.EMAIL))).isZero();
        assertThat(mailsTo(address(id))).hasSize(1);

        UUID breach = Fixtures.incident(true, DataCategory.CREDENTIALS);
        affect(breach, customer(id, "en", "GB", true, true));
        send(Fixtures.update(breach, UUID.randomUUID(), 1, "AFFECTED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(2));
        MimeMessage notice = mailsTo(address(id)).get(1);
        assertThat(notice.getSubject()).startsWith("Important: a security incident");
        assertThat(OPT_OUT_LINK.matcher(text(notice)).find()).as("a mandatory notice offers no opt-out").isFalse();
    }

    @Test
    void theOneClickUnsubscribeOfARoutineUpdateOptsOutOfEmailWithoutAPage() throws Exception {
        UUID routine = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("ONECLICK");
        affect(routine, customer(id, "de", "DE", true, true));
        awaitRecipient(id);
        send(Fixtures.update(routine, UUID.randomUUID(), 1, "AFFECTED"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        MimeMessage mail = mailsTo(address(id)).get(0);
        String header = mail.getHeader("List-Unsubscribe", null);
        assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(header).startsWith("<https://").endsWith(">");

        // What a mailbox provider sends (RFC 8058 3.2): a POST with this one form field, no page loaded before.
        given().contentType("application/x-www-form-urlencoded").formParam("List-Unsubscribe", "One-Click")
                .post(local(header.substring(1, header.length() - 1))).then().statusCode(200);

        assertThat(recipient(id).emailOptOut).isTrue();
        assertThat(recipient(id).smsOptOut).isFalse();
    }

    @Test
    void aTamperedLinkIsRefusedAndChangesNothing() {
        String id = registered("de", "DE");
        String link = local(links.url(id, Channel.SMS, "de"));
        String tampered = link.replace("/opt-out/", "/opt-out/x");

        given().get(tampered).then().statusCode(400).body(containsString("Dieser Link ist ungültig"))
                .body(not(containsString("<form")));
        given().post(tampered).then().statusCode(400);
        String otherChannel = link.replaceFirst("/opt-out/[^.]+", "/opt-out/" + payloadFor(links.url(id, Channel.EMAIL, "de")));
        given().post(otherChannel).then().statusCode(400);
        assertThat(recipient(id).smsOptOut).isFalse();
        assertThat(recipient(id).emailOptOut).isFalse();
    }

    @Test
    void anExpiredLinkSaysSoAndChangesNothing() {
        String id = registered("en", "GB");
        String link = local(links.url(id, Channel.EMAIL, "en"));
        clock.set(clock.instant().plus(Duration.ofDays(91)));

        given().get(link).then().statusCode(410).body(containsString("This link has expired"));
        given().post(link).then().statusCode(410);
        assertThat(recipient(id).emailOptOut).isFalse();
    }

    /** The link's path and query, for this test instance (links carry the configured public address). */
    private static String local(String link) {
        assertThat(link).startsWith("https://notify.example.test/opt-out/");
        return link.substring("https://notify.example.test".length());
    }

    private String registered(String locale, String country) {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String id = uniqueId("TOKEN");
        affect(incident, customer(id, locale, country, true, true));
        awaitRecipient(id);
        return id;
    }

    /** The signed part of another link, to splice a valid payload of one channel onto another link. */
    private static String payloadFor(String link) {
        return link.substring(link.indexOf("/opt-out/") + "/opt-out/".length(), link.indexOf('.', link.indexOf("/opt-out/")));
    }

    private static String optOutLink(MimeMessage mail) throws Exception {
        Matcher matcher = OPT_OUT_LINK.matcher(text(mail));
        assertThat(matcher.find()).as("opt-out link in the email's text").isTrue();
        String html = html(mail);
        assertThat(html).contains("href=\"" + matcher.group().replace("&", "&amp;") + "\"");
        return matcher.group();
    }

    private static String text(MimeMessage mail) throws Exception {
        return part(mail, "text/plain");
    }

    private static String html(MimeMessage mail) throws Exception {
        return part(mail, "text/html");
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        Object content = mail.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return (String) part.getContent();
                }
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private static Message messageOf(UUID updateId) {
        return Fixtures.inTx(() -> Message.<Message>find("updateId", updateId).firstResult());
    }

    private static Recipient recipient(String id) {
        return Fixtures.inTx(() -> Recipient.<Recipient>findById(id));
    }

    private static void awaitRecipient(String id) {
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.count("id in ?1", List.of(id))) == 1);
    }
}
