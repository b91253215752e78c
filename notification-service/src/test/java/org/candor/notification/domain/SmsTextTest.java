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

    @Test
    void twoSegmentsHold153SeptetsEachAndLongProseIsCutToThem() {
        String prose = "Wir haben einen Sicherheitsvorfall festgestellt, der Ihre Kontaktdaten und Zugangsdaten betrifft. "
                .repeat(5);

        SmsText sms = SmsText.fit(prose + LINK, 2);

        assertThat(sms.encoding()).isEqualTo(SmsText.GSM7);
        assertThat(sms.length()).isGreaterThan(160).isLessThanOrEqualTo(306);
        assertThat(sms.segments()).isEqualTo(2);
        assertThat(sms.text()).endsWith("... " + LINK);
    }

    @Test
    void aTextOf161SeptetsTakesTwoSegmentsAndIsCutWhenOnlyOneIsAllowed() {
        String text = "a".repeat(120) + " " + "b".repeat(40);

        assertThat(SmsText.fitsWhole(text, 2)).isTrue();
        assertThat(SmsText.fitsWhole(text, 1)).isFalse();
        assertThat(SmsText.fit(text, 1).length()).isLessThanOrEqualTo(160);
        assertThat(SmsText.fit(text, 2).text()).isEqualTo(text);
    }

    @Test
    void anExtensionCharacterIsNeverSplitBetweenTwoSegments() {
        // 306 septets, as many as two segments hold; but the '€' (escape and character) would straddle the
        // first segment's end, so it starts the second and the last 'b' spills into a third.
        String text = "a".repeat(152) + "€" + "b".repeat(152);

        assertThat(SmsText.fitsWhole(text, 2)).isFalse();
        assertThat(SmsText.fitsWhole(text, 3)).isTrue();
    }

    @Test
    void concatenatedUcs2SegmentsHold67UnitsEach() {
        String text = "„" + "ä".repeat(132) + "“";

        SmsText whole = SmsText.fit(text, 2);

        assertThat(whole.encoding()).isEqualTo(SmsText.UCS2);
        assertThat(whole.text()).isEqualTo(text);
        assertThat(whole.segments()).isEqualTo(2);
        assertThat(SmsText.fitsWhole(text + "x", 2)).isFalse();
    }

    @Test
    void linksLongerThanTheAllowedSegmentsAreRefusedNamingTheirRoom() {
        String link = "https://status.example.org/" + "x".repeat(300);

        assertThatThrownBy(() -> SmsText.fit("See " + link, 2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("306");
    }

    @Test
    void theWordThatSaysWhatALinkDoesStaysWithItWhenTheProseIsCut() {
        String prose = "Wir haben alle Passwörter zurückgesetzt, die Lücke geschlossen und die Aufsicht informiert; "
                + "morgen schreiben wir Ihnen wieder, was wir gefunden haben.";

        SmsText sms = SmsText.fit(prose + " Abmelden: " + LINK);

        assertThat(sms.length()).isLessThanOrEqualTo(160);
        assertThat(sms.text()).startsWith("Wir haben alle Passwörter").endsWith("... Abmelden: " + LINK);
    }
}
