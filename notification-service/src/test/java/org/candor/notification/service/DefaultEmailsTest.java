package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.candor.notification.client.EmailClient;
import org.candor.notification.client.PermanentDeliveryException;
import org.candor.notification.domain.Channel;
import org.candor.contracts.customer.AffectedCustomer;
import org.candor.contracts.incident.DataCategory;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.DefaultEmails;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.MailProfile;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every default email template in German and English as the transport sends it, captured at a real
 * SMTP server (GreenMail) and read back by Jakarta Mail (Angus): headers and MIME structure.
 */
@QuarkusTest
@TestProfile(MailProfile.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class DefaultEmailsTest {

    @Inject
    EmailMessages messages;

    @Inject
    EmailClient email;

    @Inject
    OptOutLinks optOutLinks;

    @Inject
    MessageReferences references;

    static Stream<Arguments> templates() {
        return DefaultEmails.emailTypes().stream().flatMap(type -> Stream.of(Arguments.of(type, "de"), Arguments.of(type, "en")));
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("templates")
    void everyDefaultTemplateArrivesAsAWellFormedMessage(String type, String language) throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        DefaultEmails.Sent sent = DefaultEmails.send(messages, email, optOutLinks, type, language);
        MimeMessage mail = parse(sent.raw());

        assertThat(mail.getMessageID()).isEqualTo("<" + sent.deliveryId() + "@notification.candor.local>");
        assertThat(mail.getSentDate().toInstant()).isBetween(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                Instant.now().plusSeconds(1));
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getAddress()).isEqualTo("notifications@candor.example.org");
        assertThat(from.getPersonal()).isEqualTo("Candor Demo GmbH");
        assertThat(mail.getSender().toString()).isEqualTo(MailProfile.SENDER);
        assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress()).isEqualTo("support@candor.example.org");
        assertThat(mail.getHeader("Auto-Submitted")).as("Auto-Submitted")
                .isEqualTo(type.equals("support-reply") ? null : new String[] {"auto-generated"});
        assertThat(mail.getSubject()).isNotBlank().doesNotContain("{").doesNotContain("\u0001");

        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        Multipart alternatives = (Multipart) mail.getContent();
        assertThat(alternatives.getCount()).isEqualTo(2);
        BodyPart text = alternatives.getBodyPart(0);
        BodyPart html = alternatives.getBodyPart(1);
        assertThat(text.isMimeType("text/plain")).isTrue();
        assertThat(html.isMimeType("text/html")).isTrue();
        assertThat(text.getContentType()).containsIgnoringCase("charset=UTF-8");
        assertThat((String) text.getContent()).isNotBlank().doesNotContain("\u0001").doesNotContain("{#");
        assertThat((String) html.getContent()).startsWith("<!DOCTYPE html>").doesNotContain("\u0001");
        // Told from phishing: its reference, where to check it, what the organisation never asks for.
        assertThat((String) text.getContent()).contains(references.of(sent.deliveryId())).contains(language.equals("de")
                ? "fragt Sie nie nach Passwort, PIN oder Zahlungsdaten" : "will never ask you for a password, a PIN or payment details");
        assertThat((String) html.getContent()).contains(references.of(sent.deliveryId()));

        String raw = new String(sent.raw(), StandardCharsets.UTF_8);
        assertThat(raw.replace("\r\n", "")).as("only CRLF line ends").doesNotContain("\r").doesNotContain("\n");
        assertThat(raw.split("\r\n")).allSatisfy(line ->
                assertThat(line.getBytes(StandardCharsets.UTF_8).length).as("octets in a line").isLessThanOrEqualTo(998));
    }

    @ParameterizedTest(name = "{0}.{1}")
    @MethodSource("templates")
    void whatMayBeRefusedCarriesAOneClickUnsubscribeAndTheBreachNoticeSaysWhyItCannot(String type, String language)
            throws Exception {
        DefaultEmails.Sent sent = DefaultEmails.send(messages, email, optOutLinks, type, language);
        MimeMessage mail = parse(sent.raw());
        String text = (String) ((Multipart) mail.getContent()).getBodyPart(0).getContent();

        if (EmailMessages.REFUSABLE.contains(type)) {
            String link = mail.getHeader("List-Unsubscribe", null);
            assertThat(link).startsWith("<https://notify.example.test/opt-out/").endsWith(">");
            assertThat(mail.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            String token = link.substring("<https://notify.example.test/opt-out/".length(), link.indexOf('?'));
            assertThat(optOutLinks.verify(token)).hasValueSatisfying(optOut -> {
                assertThat(optOut.recipientId()).isEqualTo(sent.recipientId());
                assertThat(optOut.channel()).isEqualTo(Channel.EMAIL);
            });
        } else {
            assertThat(mail.getHeader("List-Unsubscribe")).isNull();
            assertThat(mail.getHeader("List-Unsubscribe-Post")).isNull();
        }
        if (type.equals(MessageCatalog.BREACH_NOTICE)) {
            assertThat(text).contains(language.equals("de")
                    ? "Es ist kein Newsletter, daher können Sie diese Nachricht nicht abbestellen."
                    : "It is not a newsletter, so you cannot unsubscribe from it.");
        }
    }

    @Test
    void aDeliverySentAgainCarriesTheSameMessageIdSoTheReceiverCanDropTheCopy() throws Exception {
        UUID delivery = UUID.randomUUID();
        String to = "again." + delivery.toString().substring(0, 8) + "@customers.example.org";
        EmailClient.Outgoing outgoing = new EmailClient.Outgoing(delivery, to, "Update", "Text", "<p>Text</p>", List.of());

        email.send(outgoing);
        email.send(outgoing);

        List<String> ids = new ArrayList<>();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            ids.clear();
            for (MimeMessage received : org.candor.notification.support.Fixtures.mailsTo(to)) {
                ids.add(received.getMessageID());
            }
            return ids.size() == 2;
        });
        assertThat(ids).containsOnly("<" + delivery + "@notification.candor.local>");
    }

    @Test
    void anInternationalisedDomainIsSentInItsAsciiForm() throws Exception {
        UUID delivery = UUID.randomUUID();
        String tag = delivery.toString().substring(0, 8);

        email.send(new EmailClient.Outgoing(delivery, "kim." + tag + "@straße.example", "Update", "Text", "<p>Text</p>",
                List.of()));

        MimeMessage mail = parse(DefaultEmails.raw("kim." + tag + "@xn--strae-oqa.example"));
        assertThat(mail.getRecipients(MimeMessage.RecipientType.TO)[0].toString())
                .isEqualTo("kim." + tag + "@xn--strae-oqa.example");
    }

    @Test
    void aLocalPartOutsideAsciiFailsPermanentlyWhereTheRelayDoesNotOfferSmtpUtf8() {
        // GreenMail offers no SMTPUTF8.
        assertThatThrownBy(() -> email.send(new EmailClient.Outgoing(UUID.randomUUID(), "jörg@customers.example.org",
                "Update", "Text", "<p>Text</p>", List.of()))).isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("SMTPUTF8");
    }

    @Test
    void addressesThatCannotBeSentFailTheirOwnDeliveryWithTheReasonAndTheNoticeReachesEveryoneElse() {
        UUID incident = Fixtures.incident(true, DataCategory.CONTACT);
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String plain = "kim." + tag + "@customers.example.org";
        String nonAscii = "jörg." + tag + "@customers.example.org";
        String invalidDomain = "alex." + tag + "@bad-.example";
        Map<String, String> addresses = Map.of("A-" + tag, plain, "B-" + tag, nonAscii, "C-" + tag, invalidDomain);
        addresses.forEach((id, address) -> Fixtures.affect(incident,
                new AffectedCustomer(id, "Kim", address, null, "en", "GB", null, "retail")));
        await().atMost(Fixtures.WAIT).until(() -> Fixtures.inTx(() -> Recipient.count("id in ?1", addresses.keySet())) == 3);

        Fixtures.send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));

        await().atMost(Fixtures.WAIT).untilAsserted(() -> assertThat(Fixtures.mailsTo(plain)).hasSize(1));
        await().atMost(Fixtures.WAIT).untilAsserted(() -> {
            Delivery toNonAscii = delivery("B-" + tag);
            Delivery toInvalidDomain = delivery("C-" + tag);
            assertThat(toNonAscii.status).isEqualTo(DeliveryStatus.FAILED);
            assertThat(toNonAscii.lastError).contains("SMTPUTF8");
            assertThat(toInvalidDomain.status).isEqualTo(DeliveryStatus.FAILED);
            assertThat(toInvalidDomain.lastError).contains("not a valid (internationalised) domain name");
        });
        assertThat(delivery("A-" + tag).status).isIn(DeliveryStatus.SENT, DeliveryStatus.DELIVERED);
    }

    private static Delivery delivery(String recipientId) {
        return Fixtures.inTx(() -> Delivery.<Delivery>find("recipientId = ?1 and channel = ?2", recipientId, Channel.EMAIL)
                .firstResult());
    }

    @Test
    void anInvalidInternationalisedDomainFailsPermanentlyWithTheReason() {
        assertThatThrownBy(() -> email.send(new EmailClient.Outgoing(UUID.randomUUID(), "kim@bad-.example",
                "Update", "Text", "<p>Text</p>", List.of()))).isInstanceOf(PermanentDeliveryException.class)
                .hasMessageContaining("not a valid (internationalised) domain name");
    }
}
