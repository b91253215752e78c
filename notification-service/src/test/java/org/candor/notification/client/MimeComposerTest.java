package org.candor.notification.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** The raw message the SMTP transport sends, read back by Jakarta Mail as a mail program would. */
class MimeComposerTest {

    private static final String LONG_LINE = "Wir haben alle Passwörter zurückgesetzt, ".repeat(8).trim();
    private static final String TEXT = "Guten Tag Jörg,\n\n" + LONG_LINE + "\n.Punkt am Zeilenanfang\nEnde mit Leerzeichen \n"
            + "= Gleichheitszeichen =\nhttps://notify.example.test/opt-out?token=abc&channel=EMAIL";
    private static final String HTML = "<p>Guten Tag J&ouml;rg, Ihre Daten: Straße ✓</p>\n<p>" + LONG_LINE + "</p>";

    private static MimeComposer.Email email(String subject) {
        return new MimeComposer.Email("Candor Benachrichtigung – Sicherheit <notifications@candor.local>",
                "joerg@example.test", subject, "<0b9f3c1e@notification.candor.local>",
                ZonedDateTime.parse("2026-11-28T09:15:00Z"), TEXT, HTML);
    }

    private static MimeMessage parse(byte[] data) throws Exception {
        String raw = new String(data, StandardCharsets.US_ASCII);
        assertThat(raw).endsWith("\r\n.\r\n");
        byte[] withoutEnd = Arrays.copyOf(data, data.length - 3);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(withoutEnd));
    }

    private static String part(MimeMessage message, String type) throws Exception {
        Multipart alternatives = (Multipart) message.getContent();
        for (int i = 0; i < alternatives.getCount(); i++) {
            BodyPart part = alternatives.getBodyPart(i);
            if (part.isMimeType(type)) {
                return ((String) part.getContent()).replace("\r\n", "\n");
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    @Test
    void aGermanMessageReadsBackWithSubjectSenderAndBothPartsIntact() throws Exception {
        String subject = "Wichtig: Sicherheitsvorfall – was Sie jetzt tun sollten, damit Ihr Konto geschützt bleibt";

        MimeMessage message = parse(MimeComposer.compose(email(subject)));

        assertThat(message.getSubject()).isEqualTo(subject);
        assertThat(((InternetAddress) message.getFrom()[0]).getPersonal()).isEqualTo("Candor Benachrichtigung – Sicherheit");
        assertThat(((InternetAddress) message.getFrom()[0]).getAddress()).isEqualTo("notifications@candor.local");
        assertThat(message.getRecipients(MimeMessage.RecipientType.TO)[0].toString()).isEqualTo("joerg@example.test");
        assertThat(message.getMessageID()).isEqualTo("<0b9f3c1e@notification.candor.local>");
        assertThat(message.getSentDate()).isEqualTo(java.util.Date.from(java.time.Instant.parse("2026-11-28T09:15:00Z")));
        assertThat(message.isMimeType("multipart/alternative")).isTrue();
        assertThat(part(message, "text/plain")).isEqualTo(TEXT);
        assertThat(part(message, "text/html")).isEqualTo(HTML);
    }

    @Test
    void noLineIsLongerThanSeventySixCharactersOrStartsWithADot() {
        String raw = new String(MimeComposer.compose(email("Sicherheitsvorfall")), StandardCharsets.US_ASCII);
        String body = raw.substring(0, raw.length() - "\r\n.\r\n".length());

        assertThat(body.split("\r\n")).allSatisfy(line -> {
            assertThat(line.length()).isLessThanOrEqualTo(76);
            assertThat(line).doesNotStartWith(".");
        });
        assertThat(body.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void aLineBreakInTheSubjectIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> MimeComposer.compose(email("Hello\r\nBcc: everyone@example.test")))
                .isInstanceOf(PermanentDeliveryException.class).hasMessageContaining("Subject");
    }
}
