package org.candor.notification.service;

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

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.candor.contracts.incident.DataCategory;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.Organisations;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Customer messages are signed with the organisation profile compliance-service publishes: its legal name, its
 * DPO's contact and its hotline; the configured name and DPO contact only until a profile has arrived.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class OrganisationIdentityTest {

    private static final String CONFIGURED_NAME = "Candor Demo GmbH";
    private static final String CONFIGURED_DPO = "dpo@example.org";

    @Inject
    OrganisationIdentity identity;

    @BeforeEach
    @AfterEach
    void configuredIdentity() {
        ProvidersTestResource.healthyGateways();
        Organisations.none(identity);
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A breach notice (high risk, an update to the affected) to a customer with an email address and a phone. */
    private static String breachNotice(String locale, String country) {
        UUID incident = Fixtures.incident(true, DataCategory.CONTACT, DataCategory.CREDENTIALS);
        String id = uniqueId("ORG");
        affect(incident, customer(id, locale, country, true, true));
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.findById(id)) != null);
        send(Fixtures.update(incident, UUID.randomUUID(), 1, "AFFECTED"));
        return id;
    }

    private static String text(String id) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));
        MimeMessage mail = mailsTo(address(id)).get(0);
        return Fixtures.part(mail, "text/plain");
    }

    private static String sms(String id) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(smsAccepted(phone(id))).hasSize(1));
        return smsAccepted(phone(id)).get(0).getRequest().formParameter("Body").firstValue();
    }

    @Test
    void aGermanBreachNoticeNamesTheProfilesLegalNameDpoAndHotlineInItsEmailAndSms() {
        String tag = tag();
        String legalName = "Nordlicht Versorgung AG " + tag;
        String dpo = "datenschutz-" + tag + "@nordlicht.example";
        Organisations.profile(identity, legalName, dpo, "+49 800 1234567",
                Map.of("en", "Mon–Fri 8:00–20:00 CET", "de", "Mo–Fr 8–20 Uhr"));

        String id = breachNotice("de", "DE");

        String text = text(id);
        assertThat(text).contains("Sicherheitsvorfall bei " + legalName + ", der Ihre")
                .contains("Unsere Datenschutzbeauftragte beantwortet Ihre Fragen: " + dpo + ", +4930123456")
                .contains("Unsere Hotline: +49 800 1234567 (Mo–Fr 8–20 Uhr)")
                .contains("Es tut uns leid. " + legalName)
                .doesNotContain(CONFIGURED_NAME).doesNotContain(CONFIGURED_DPO);
        assertThat(sms(id)).startsWith(legalName + ": ").doesNotContain(CONFIGURED_NAME);
    }

    @Test
    void anEnglishBreachNoticeNamesTheProfilesLegalNameAndDpoInItsEmailAndSms() {
        String tag = tag();
        String legalName = "Northlight Utilities Ltd " + tag;
        String dpo = "privacy-" + tag + "@northlight.example";
        Organisations.profile(identity, legalName, dpo, null, Map.of());

        String id = breachNotice("en", "GB");

        String text = text(id);
        assertThat(text).contains("a security incident at " + legalName + " that concerns")
                .contains("Our data-protection officer answers your questions: " + dpo)
                .contains("We are sorry. " + legalName)
                .doesNotContain("Our hotline")
                .doesNotContain(CONFIGURED_NAME).doesNotContain(CONFIGURED_DPO);
        assertThat(sms(id)).startsWith(legalName + ": ").doesNotContain(CONFIGURED_NAME);
    }

    @Test
    void untilAProfileHasArrivedMessagesUseTheConfiguredNameAndDpo() {
        String id = breachNotice("en", "GB");

        assertThat(text(id)).contains("a security incident at " + CONFIGURED_NAME + " that concerns")
                .contains("Our data-protection officer answers your questions: " + CONFIGURED_DPO);
    }

    @Test
    void theTemplatePreviewIsRenderedWithTheCurrentIdentity() {
        String legalName = "Nordlicht Versorgung AG " + tag();
        Organisations.profile(identity, legalName, "datenschutz@nordlicht.example", "+49 800 1234567",
                Map.of("de", "Mo–Fr 8–20 Uhr"));

        JsonPath breach = given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/templates/breach-notice/preview?locale=de").then().statusCode(200).extract().jsonPath();
        JsonPath reminder = given().auth().oauth2(CandorTestResource.token(Roles.COMPLIANCE_OFFICER))
                .get("/api/templates/compliance-deadline-reminder/preview?locale=en").then().statusCode(200).extract()
                .jsonPath();

        assertThat(breach.getString("text")).contains(legalName).contains("datenschutz@nordlicht.example")
                .doesNotContain(CONFIGURED_NAME);
        assertThat(breach.getString("sms.text")).startsWith(legalName + ":");
        assertThat(reminder.getString("text")).contains("for " + legalName + " is due").doesNotContain(CONFIGURED_NAME);
    }
}
