package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.notification.domain.MessageContent;
import org.candor.notification.domain.SmsText;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class TemplateRendererTest {

    private static final UUID INCIDENT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final MessageContent BREACH = new MessageContent(
            Map.of("en", "We reset all passwords and closed the gap.", "de", "Wir haben alle Passwörter zurückgesetzt."),
            "IDENTIFIED", "Unauthorised access to the customer portal",
            Map.of("en", "An attacker copied customer records.", "de", "Ein Angreifer hat Kundendaten kopiert."),
            List.of("CONTACT", "CREDENTIALS"), Map.of());

    @Inject
    TemplateRenderer renderer;

    @Test
    void englishBreachNoticeSaysWhatArticle34Requires() {
        TemplateRenderer.Email email = renderer.email(MessageCatalog.BREACH_NOTICE, "en-GB", BREACH, "Kim", INCIDENT);

        assertThat(email.subject()).isEqualTo("Important: a security incident concerns your personal data");
        assertThat(email.text())
                .contains("Dear Kim,")
                // the nature of the breach
                .contains("What happened: Unauthorised access to the customer portal. An attacker copied customer records.")
                .contains("Data concerned: contact details, login credentials.")
                // the likely consequences
                .contains("Someone could try to sign in to your accounts with your credentials.")
                // the measures taken
                .contains("What we have done and are doing: We reset all passwords and closed the gap.")
                // what the person should do
                .contains("Change your password, also wherever else you use it")
                // the data-protection officer's contact
                .contains("Our data-protection officer answers your questions: dpo@example.org");
    }

    @Test
    void germanBreachNoticeIsGerman() {
        TemplateRenderer.Email email = renderer.email(MessageCatalog.BREACH_NOTICE, "de-AT", BREACH, "Kim", INCIDENT);

        assertThat(email.subject()).isEqualTo("Wichtig: Ein Sicherheitsvorfall betrifft Ihre persönlichen Daten");
        assertThat(email.text()).contains("Guten Tag Kim,")
                .contains("Betroffene Daten: Kontaktdaten, Zugangsdaten.")
                .contains("Was wir getan haben und tun: Wir haben alle Passwörter zurückgesetzt.")
                .contains("Unsere Datenschutzbeauftragte beantwortet Ihre Fragen: dpo@example.org");
    }

    @Test
    void aLanguageWithoutTemplatesFallsBackToEnglish() {
        TemplateRenderer.Email email = renderer.email(MessageCatalog.STATUS_UPDATE, "fr-FR", BREACH, null, INCIDENT);

        assertThat(email.subject()).isEqualTo("Update on the security incident: Cause identified");
        assertThat(email.text()).startsWith("Hello,").contains("We reset all passwords and closed the gap.");
    }

    @Test
    void aSurveyInvitationGivesTheLinksLastDayAsADateAndTimeForPeople() {
        MessageContent invitation = new MessageContent(Map.of(), null, null, Map.of(), List.of(), Map.of(
                "surveyTitle", "How did we do?", "surveyLink", "https://feedback.example.org/survey/abc",
                "expiresAt", "2026-12-20T02:20:35.422796839Z"));

        String english = renderer.email("survey-invitation", "en", invitation, "Kim", INCIDENT).text();
        String german = renderer.email("survey-reminder", "de", invitation, "Kim", INCIDENT).text();

        assertThat(english).contains("The link works until 20 December 2026, 02:20 UTC.").doesNotContain("2026-12-20T");
        assertThat(german).contains("Der Link gilt bis 20. Dezember 2026, 02:20 Uhr UTC.").doesNotContain("2026-12-20T");
    }

    @Test
    void aSupportReplyIsNamedByItsTicketNumberAndGreetsOnceWhenTheReplyAlreadyDoes() {
        MessageContent reply = new MessageContent(Map.of(), null, null, Map.of(), List.of(), Map.of(
                "ticketId", UUID.randomUUID().toString(), "ticketReference", "T-1042", "ticketSubject", "Card blocked?",
                "reply", "Hello Kim, your card is safe.", "greet", "false"));

        TemplateRenderer.Email email = renderer.email("support-reply", "en", reply, "Kim", INCIDENT);

        assertThat(email.subject()).isEqualTo("Your request T-1042: Card blocked?");
        assertThat(email.text()).startsWith("Hello Kim, your card is safe.").doesNotContain("Dear Kim")
                .contains("Replies to this email do not reach us").contains("quote your request number T-1042");
    }

    @Test
    void aSupportReplyRequestedWithoutItsNewerParametersStillRenders() {
        String ticket = UUID.randomUUID().toString();
        MessageContent reply = new MessageContent(Map.of(), null, null, Map.of(), List.of(), Map.of(
                "ticketId", ticket, "reply", "We have unblocked your card."));

        TemplateRenderer.Email email = renderer.email("support-reply", "de", reply, "Kim", INCIDENT);

        assertThat(email.subject()).isEqualTo("Ihre Anfrage " + ticket);
        assertThat(email.text()).startsWith("Guten Tag Kim,").contains("We have unblocked your card.");
    }

    @Test
    void anActivationCodeEmailWithoutTheProvidersPageSaysHowToFindIt() {
        MessageContent code = new MessageContent(Map.of(), null, null, Map.of(), List.of(), Map.of(
                "offerName", "credit monitoring", "provider", "Acme Credit", "activationCode", "ACME-7Q2X",
                "validMonths", "24"));

        String english = renderer.email("assistance-offer-code", "en", code, "Kim", INCIDENT).text();

        assertThat(english).contains("1. Go to Acme Credit's website and look for \"activate a code\"")
                .contains("2. Enter the code exactly as above.");
    }

    @Test
    void anActivationCodeEmailSaysWhereAndHowToActivateIt() {
        MessageContent code = new MessageContent(Map.of(), null, null, Map.of(), List.of(), Map.of(
                "offerName", "credit monitoring", "provider", "Acme Credit", "activationCode", "ACME-7Q2X",
                "validMonths", "24", "activationUrl", "https://acme-credit.example/activate"));

        String english = renderer.email("assistance-offer-code", "en", code, "Kim", INCIDENT).text();
        String german = renderer.email("assistance-offer-code", "de", code, "Kim", INCIDENT).text();

        assertThat(english).contains("Your activation code: ACME-7Q2X").contains("1. Open https://acme-credit.example/activate")
                .contains("2. Enter the code exactly as above.").contains("needs no payment details");
        assertThat(german).contains("1. Öffnen Sie https://acme-credit.example/activate")
                .contains("keine Zahlungsdaten nötig");
    }

    @Test
    void htmlBodySaysTheSameAsTheTextWithEscapingAndLinks() {
        MessageContent withMarkup = new MessageContent(Map.of("en", "Do not trust <script> mails & calls."), "MONITORING",
                "Portal", Map.of(), List.of(), Map.of());

        TemplateRenderer.Email email = renderer.email(MessageCatalog.PUBLIC_STATUS_UPDATE, "en", withMarkup, null, INCIDENT);

        assertThat(email.html()).contains("Do not trust &lt;script&gt; mails &amp; calls.")
                .contains("<a href=\"https://status.example.org\">https://status.example.org</a>")
                .contains("<html lang=\"en\">");
    }

    @Test
    void longUpdateSmsIsCutToOneSegmentButKeepsTheStatusPageLink() {
        MessageContent longUpdate = new MessageContent(Map.of("en", "We have reset every password, closed the gap in the "
                + "portal, informed the authorities and are now checking every system again with outside experts; "
                + "we will write again tomorrow."), "MONITORING", "Portal", Map.of(), List.of(), Map.of());

        SmsText sms = renderer.sms(MessageCatalog.STATUS_UPDATE, "en", longUpdate, null, INCIDENT);

        assertThat(sms.encoding()).isEqualTo(SmsText.GSM7);
        assertThat(sms.length()).isLessThanOrEqualTo(160);
        assertThat(sms.text()).startsWith("Candor Demo GmbH update (We are monitoring): We have reset every password")
                .endsWith(" https://status.example.org");
    }

    @Test
    void germanSmsWithTypographicQuotesIsUcs2AndFitsSeventy() {
        MessageContent quoted = new MessageContent(Map.of("de", "„Portal“ ist wieder sicher, bitte Passwort ändern."),
                "RESOLVED", "Portal", Map.of(), List.of(), Map.of());

        SmsText sms = renderer.sms(MessageCatalog.STATUS_UPDATE, "de", quoted, null, INCIDENT);

        assertThat(sms.encoding()).isEqualTo(SmsText.UCS2);
        assertThat(sms.text().length()).isLessThanOrEqualTo(70);
        assertThat(sms.text()).endsWith("https://status.example.org");
    }

    @Test
    void verificationCodeSmsCarriesTheCode() {
        MessageContent code = new MessageContent(Map.of(), null, null, Map.of(), List.of(),
                Map.of("code", "482913", "validMinutes", "10"));

        SmsText sms = renderer.sms("support-verification-code", "de", code, null, null);

        assertThat(sms.text()).isEqualTo("Candor Demo GmbH Code: 482913 (gültig 10 Min). Nicht weitergeben.");
    }

    @Test
    void statusSubscriptionConfirmationCarriesTheLinkAndItsValidity() {
        MessageContent confirmation = new MessageContent(Map.of(), null, null, Map.of(), List.of(),
                Map.of("confirmUrl", "https://status.example.org/status/subscriptions/confirm?token=t0k3n", "validHours", "48"));

        TemplateRenderer.Email email = renderer.email("status-subscription-confirmation", "de", confirmation, null, null);

        assertThat(email.subject()).isEqualTo("Bitte bestätigen Sie Ihr Abonnement der Statusmeldungen von Candor Demo GmbH");
        assertThat(email.text()).contains("https://status.example.org/status/subscriptions/confirm?token=t0k3n")
                .contains("48 Stunden gültig");
    }

    @Test
    void statusSubscriptionCodeSmsCarriesTheCode() {
        MessageContent code = new MessageContent(Map.of(), null, null, Map.of(), List.of(),
                Map.of("code", "120934", "validMinutes", "15"));

        SmsText sms = renderer.sms("status-subscription-code", "en", code, null, null);

        assertThat(sms.text()).isEqualTo("Candor Demo GmbH status updates: your code is 120934 (valid 15 min).");
    }

    @Test
    void htmlIsSevenBitSoTheMailerNeedNotEncodeIt() {
        TemplateRenderer.Email email = renderer.email(MessageCatalog.BREACH_NOTICE, "de", BREACH, "Jürgen", INCIDENT);

        assertThat(email.html().chars()).allMatch(c -> c < 127);
        assertThat(email.html().lines()).allMatch(line -> line.length() <= 998);
        assertThat(email.html()).contains("Guten Tag J&#252;rgen,").contains("Passw&#246;rter zur&#252;ckgesetzt");
        assertThat(email.text()).contains("Guten Tag Jürgen,");
    }

    @Test
    void aShortSmsCarriesTheOptOutLinkWhole() {
        MessageContent shortUpdate = new MessageContent(Map.of("en", "Portal is safe again."), "RESOLVED", "Portal",
                Map.of(), List.of(), Map.of());

        SmsText sms = renderer.sms(MessageCatalog.STATUS_UPDATE, "en", shortUpdate, null, INCIDENT, null,
                "https://n.example.org/opt-out/abc.def");

        assertThat(sms.length()).isLessThanOrEqualTo(160);
        assertThat(sms.text()).contains("Portal is safe again.").endsWith(" Stop: https://n.example.org/opt-out/abc.def");
    }

    @Test
    void anSmsWithoutRoomLeavesTheOptOutLinkOutRatherThanCutAnything() {
        MessageContent longUpdate = new MessageContent(Map.of("en", "We have reset every password, closed the gap in the "
                + "portal and informed the authorities; we will write again tomorrow."), "MONITORING", "Portal", Map.of(),
                List.of(), Map.of());
        String optOut = "https://n.example.org/opt-out/" + "x".repeat(60);

        SmsText sms = renderer.sms(MessageCatalog.STATUS_UPDATE, "en", longUpdate, null, INCIDENT, null, optOut);

        assertThat(sms.text()).doesNotContain("opt-out").endsWith(" https://status.example.org")
                .isEqualTo(renderer.sms(MessageCatalog.STATUS_UPDATE, "en", longUpdate, null, INCIDENT).text());
    }

    @Test
    void eachPersonOfOneMessageGetsTheirOwnNameAndLinksAndNothingOfAnother() {
        TemplateRenderer.Email first = renderer.email(MessageCatalog.STATUS_UPDATE, "en", BREACH, "Kim", INCIDENT, null,
                "https://n.example.org/opt-out/kim");
        TemplateRenderer.Email second = renderer.email(MessageCatalog.STATUS_UPDATE, "en", BREACH, "Alex", INCIDENT, null,
                "https://n.example.org/opt-out/alex");

        assertThat(first.text()).startsWith("Dear Kim,").contains("https://n.example.org/opt-out/kim")
                .doesNotContain("Alex").doesNotContain("opt-out/alex");
        assertThat(second.text()).startsWith("Dear Alex,").contains("https://n.example.org/opt-out/alex")
                .doesNotContain("Kim").doesNotContain("opt-out/kim");
        assertThat(second.html()).contains("Dear Alex,")
                .contains("<a href=\"https://n.example.org/opt-out/alex\">https://n.example.org/opt-out/alex</a>");
        assertThat(first.html() + first.text() + second.html() + second.text()).doesNotContain("\u0001");
    }

    @Test
    void aNameIsEscapedInTheHtmlAndKeptAsGivenInTheText() {
        TemplateRenderer.Email email = renderer.email(MessageCatalog.STATUS_UPDATE, "en", BREACH,
                "Kim <b>O'Neil</b> & Co", INCIDENT);

        assertThat(email.text()).startsWith("Dear Kim <b>O'Neil</b> & Co,");
        assertThat(email.html()).contains("Dear Kim &lt;b&gt;O&#39;Neil&lt;/b&gt; &amp; Co,").doesNotContain("<b>");
    }
}
