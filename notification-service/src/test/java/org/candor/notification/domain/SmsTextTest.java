package org.candor.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SmsTextTest {

    private static final String LINK = "https://status.example.org/incidents/2026-03-portal?lang=de";

    @Test
    void shortGermanTextStaysGsm7WithUmlauts() {
        SmsText sms = SmsText.fit("Schöne Grüße: Ihre Daten sind betroffen. Ändern Sie Ihr Passwort.");

        assertThat(sms.encoding()).isEqualTo(SmsText.GSM7);
        assertThat(sms.text()).isEqualTo("Schöne Grüße: Ihre Daten sind betroffen. Ändern Sie Ihr Passwort.");
    }

    @Test
    void extensionCharactersCountTwice() {
        SmsText sms = SmsText.fit("Preis: 10€ [heute]");

        assertThat(sms.encoding()).isEqualTo(SmsText.GSM7);
        assertThat(sms.length()).isEqualTo(21);
    }

    @Test
    void longGsm7TextIsCutToOneSegmentKeepingTheLinkWhole() {
        String prose = "Wir haben einen Sicherheitsvorfall festgestellt, der Ihre Kontaktdaten und Zugangsdaten betrifft. "
                + "Bitte ändern Sie Ihr Passwort sofort und seien Sie vorsichtig bei E-Mails, die nach Zahlungen fragen.";

        SmsText sms = SmsText.fit(prose + " Mehr: " + LINK);

        assertThat(sms.encoding()).isEqualTo(SmsText.GSM7);
        assertThat(sms.length()).isLessThanOrEqualTo(160);
        assertThat(sms.text()).endsWith(" " + LINK).startsWith("Wir haben einen Sicherheitsvorfall").contains("...");
    }

    @Test
    void anyCharacterOutsideGsm7MakesItUcs2With70UnitsAndTheLinkSurvives() {
        SmsText sms = SmsText.fit("„Wichtig“: Ein Sicherheitsvorfall betrifft Ihre Daten. Bitte lesen Sie alles unter " + LINK);

        assertThat(sms.encoding()).isEqualTo(SmsText.UCS2);
        assertThat(sms.text().length()).isLessThanOrEqualTo(70);
        assertThat(sms.text()).endsWith(LINK).contains("…");
    }

    @Test
    void aLinkLongerThanTheSegmentIsRefusedRatherThanCut() {
        String link = "https://status.example.org/" + "x".repeat(170);

        assertThatThrownBy(() -> SmsText.fit("See " + link)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("160");
    }
}
