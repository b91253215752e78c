package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.candor.notification.domain.Channel;
import org.candor.notification.domain.MessageContent;
import org.candor.notification.domain.SmsText;
import org.candor.notification.support.Organisations;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Every SMS template in every language, to an affected customer and to a public subscriber, with the
 * longest realistic values (a long legal name from the organisation profile among them) and the production base URL,
 * fits one segment with every link whole, and every short link in it leads to the link it stands for.
 */
@QuarkusTest
@TestProfile(SmsTemplatesFitTest.Production.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class SmsTemplatesFitTest {

    static final String BASE = "https://www.candor.example";
    static final String ORGANISATION = "Sparkasse Rhein-Main-Neckar Versicherungs- und Finanzgruppe AG";

    /** The public base URL and status page of the Kubernetes overlays. */
    public static class Production implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.notification.public-base-url", BASE,
                    "candor.notification.status-page-url", BASE + "/status",
                    "candor.notification.short-links.allowed-origins", BASE);
        }
    }

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static final Pattern SHORT = Pattern.compile(Pattern.quote(BASE) + "/s/([A-Za-z0-9_-]{12})");
    private static final String NAME = "Maximiliane Alexandra Friederike von Hohenberg-Schwarzenfels";
    private static final String CUSTOMER = "CUST-2026-03-000000000000000000001234567";
    private static final String SUBSCRIBER = "S-" + UUID.randomUUID();
    /** As incident-service signs it: purpose, subscriber and expiry, and an HMAC-SHA256. */
    private static final String UNSUBSCRIBE = BASE + "/status/subscriptions/unsubscribe?token="
            + signed("subscription-unsubscribe|" + SUBSCRIBER + "|2090000000");
    private static final String CONFIRM = BASE + "/status/subscriptions/confirm?token="
            + signed("subscription-confirm|" + SUBSCRIBER + "|1790000000");
    /** As support-service signs a chat verification link. */
    private static final String VERIFY = BASE + "/widget/?verify="
            + signed("chat-link|" + UUID.randomUUID() + "|" + CUSTOMER + "|1790000000");
    private static final String LONG_EN = "We have reset every password, closed the gap in the customer portal, informed "
            + "the data-protection authority and the police, and are checking every system again with outside experts; "
            + "we will write again tomorrow at noon with what we have found.";
    private static final String LONG_DE = "Wir haben alle Passwörter zurückgesetzt, die Lücke im Kundenportal geschlossen, "
            + "die Datenschutzaufsicht und die Polizei informiert und prüfen mit externen Fachleuten jedes System erneut; "
            + "morgen Mittag schreiben wir Ihnen wieder, was wir gefunden haben.";
    /** Typographic quotes make a text UCS-2: 70 units instead of 160 septets. */
    private static final String QUOTED_EN = "„The portal“ is safe again – " + LONG_EN;
    private static final String QUOTED_DE = "„Das Portal“ ist wieder sicher – " + LONG_DE;

    @Inject
    TemplateRenderer renderer;

    @Inject
    OptOutLinks optOutLinks;

    @Inject
    ShortLinks shortLinks;

    @Inject
    OrganisationIdentity identity;

    /** The long legal name comes from compliance-service's organisation profile, as in production. */
    @BeforeEach
    void longLegalNameFromTheProfile() {
        Organisations.profile(identity, ORGANISATION, "datenschutz@sparkasse-rhein-main-neckar.example",
                "+49 800 1234567", Map.of("de", "Mo–Fr 8–20 Uhr", "en", "Mon–Fri 8:00–20:00 CET"));
    }

    @AfterEach
    void configuredIdentity() {
        Organisations.none(identity);
    }

    @Test
    void everySmsTemplateInEveryLanguageFitsOneSegmentForAffectedCustomersAndSubscribersWithItsLinksWhole() {
        List<String> checked = new ArrayList<>();
        for (String type : MessageCatalog.types()) {
            if (!MessageCatalog.channels(type).orElseThrow().contains(Channel.SMS)) {
                continue;
            }
            for (String language : MessageCatalog.LANGUAGES) {
                for (boolean quoted : new boolean[] {false, true}) {
                    MessageContent content = content(quoted);
                    String optOut = type.equals(MessageCatalog.BREACH_NOTICE) ? null
                            : optOutLinks.url(CUSTOMER, Channel.SMS, language);
                    SmsText toCustomer = renderer.sms(type, language, content, NAME, UUID.randomUUID(), null, optOut);
                    assertFits(type + "/" + language + "/affected/" + (quoted ? "UCS-2" : "GSM-7"), toCustomer,
                            Map.of(optOut == null ? "-" : optOut, "opt-out"));
                    SmsText toSubscriber = renderer.sms(type, language, content, null, UUID.randomUUID(), UNSUBSCRIBE, null);
                    assertFits(type + "/" + language + "/subscriber/" + (quoted ? "UCS-2" : "GSM-7"), toSubscriber,
                            Map.of(UNSUBSCRIBE, "unsubscribe"));
                    if (type.equals(MessageCatalog.PUBLIC_STATUS_UPDATE)) {
                        assertThat(links(toSubscriber.text())).as("the subscriber's unsubscribe link")
                                .anySatisfy(link -> assertThat(target(link)).isEqualTo(UNSUBSCRIBE));
                    }
                    checked.add(type + "/" + language);
                }
            }
        }
        assertThat(checked).as("every SMS type in both languages").hasSize(6 * 2 * 2);
    }

    @Test
    void linksServicesSendAlongAreShortenedAndExpireWithTheirOwnValidity() {
        for (String language : MessageCatalog.LANGUAGES) {
            SmsText confirmation = renderer.sms("status-subscription-confirmation", language, content(false), null, null);
            SmsText verification = renderer.sms("support-verification-link", language, content(false), NAME, null);

            assertThat(links(confirmation.text())).singleElement().satisfies(link -> assertThat(target(link)).isEqualTo(CONFIRM));
            assertThat(links(verification.text())).singleElement().satisfies(link -> assertThat(target(link)).isEqualTo(VERIFY));
            assertThat(confirmation.segments()).isEqualTo(1);
            assertThat(verification.segments()).isEqualTo(1);
        }
    }

    private void assertFits(String what, SmsText sms, Map<String, String> personal) {
        int limit = SmsText.GSM7.equals(sms.encoding()) ? SmsText.GSM7_LIMIT : SmsText.UCS2_LIMIT;
        assertThat(sms.length()).as(what + ": " + sms.text()).isLessThanOrEqualTo(limit);
        assertThat(sms.segments()).as(what).isEqualTo(1);
        // It says who writes: at least the first word of the organisation, even in 70 UCS-2 units.
        assertThat(sms.text()).as(what).startsWith(ORGANISATION.split(" ")[0]);
        for (String link : links(sms.text())) {
            if (link.equals(BASE + "/status")) {
                continue;
            }
            assertThat(link).as(what + ": every other link is a short link").matches(SHORT);
            String target = target(link);
            assertThat(target).as(what + ": " + link + " resolves").isNotNull();
            assertThat(List.of(UNSUBSCRIBE, CONFIRM, VERIFY).contains(target) || personal.containsKey(target))
                    .as(what + ": " + link + " leads to a link of this message, not " + target).isTrue();
        }
    }

    private String target(String shortLink) {
        Matcher matcher = SHORT.matcher(shortLink);
        assertThat(matcher.matches()).as(shortLink).isTrue();
        ShortLinks.Resolved resolved = shortLinks.resolve(matcher.group(1));
        assertThat(resolved.status()).as(shortLink).isEqualTo(ShortLinks.Resolved.Status.FOUND);
        return resolved.target();
    }

    private static List<String> links(String text) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(text);
        while (matcher.find()) {
            links.add(matcher.group());
        }
        return links;
    }

    private static MessageContent content(boolean quoted) {
        return new MessageContent(Map.of("en", quoted ? QUOTED_EN : LONG_EN, "de", quoted ? QUOTED_DE : LONG_DE),
                "MONITORING", "Unauthorised access to the customer portal and the billing system of the group",
                Map.of("en", LONG_EN, "de", LONG_DE), List.of("CONTACT", "CREDENTIALS", "FINANCIAL", "IDENTITY_DOCUMENTS", "PAYMENT_CARD"),
                Map.of("code", "482913", "validMinutes", "15", "validHours", "48", "confirmUrl", CONFIRM, "link", VERIFY));
    }

    private static String signed(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        byte[] mac = new byte[32];
        new java.security.SecureRandom().nextBytes(mac);
        return encoder.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + encoder.encodeToString(mac);
    }
}
