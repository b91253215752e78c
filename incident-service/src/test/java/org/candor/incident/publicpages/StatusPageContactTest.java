package org.candor.incident.publicpages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.candor.contracts.Topics;
import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.incident.domain.OrganisationContact;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The status page's hotline and support hours, from compliance-service's organisation profile as its events bring
 * them; the configured hotline until one has arrived.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class StatusPageContactTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    @AfterEach
    void noProfileYet() {
        QuarkusTransaction.requiringNew().run(() -> OrganisationContact.deleteById(OrganisationContact.ID));
    }

    private static void profileChanged(String hotline, String hoursEn, String hoursDe) {
        TestEvents.sendCloudEvent(Topics.COMPLIANCE_ORGANISATION, null, OrganisationProfileChanged.ORGANISATION,
                UUID.randomUUID(), OrganisationProfileChanged.TYPE, """
                        {"legalName": "Nordlicht Versorgung AG",
                         "dpo": {"name": "Dana Schutz", "email": "datenschutz@nordlicht.example", "phone": null},
                         "hotline": "%s", "supportHours": {"en": "%s", "de": "%s"}, "changedAt": "%s"}"""
                        .formatted(hotline, hoursEn, hoursDe, Instant.now()));
    }

    private static String help(String lang) {
        String html = given().accept("text/html").get("/status?lang=" + lang).then().statusCode(200).extract().asString();
        String section = html.substring(html.indexOf("<section aria-labelledby=\"help-heading\">"));
        return section.substring(0, section.indexOf("</section>"));
    }

    @Test
    void afterTheProfileArrivesThePageShowsItsHotlineAndSupportHoursInEachLanguage() {
        String number = "+49 800 " + (1_000_000 + (int) (Math.random() * 8_999_999));

        profileChanged(number, "Mon–Fri 8:00–20:00 CET", "Mo–Fr 8–20 Uhr");

        await().atMost(WAIT).untilAsserted(() -> assertThat(help("en")).contains(">" + number + "</a>"));
        assertThat(help("en")).contains("Call our hotline: <a href=\"tel:" + number.replace(" ", "") + "\">")
                .contains("(Mon–Fri 8:00–20:00 CET)").doesNotContain("+1 555 0100").doesNotContain("24/7");
        assertThat(help("de")).contains("Rufen Sie unsere Hotline an: <a href=\"tel:" + number.replace(" ", "") + "\">")
                .contains(">" + number + "</a>").contains("(Mo–Fr 8–20 Uhr)");
    }

    @Test
    void aLaterProfileReplacesTheHotlineOnTheCachedPage() {
        profileChanged("+49 800 1111111", "Mon–Fri 8:00–20:00 CET", "Mo–Fr 8–20 Uhr");
        await().atMost(WAIT).untilAsserted(() -> assertThat(help("en")).contains(">+49 800 1111111</a>"));

        profileChanged("+43 800 2222222", "Every day 7:00–22:00 CET", "Täglich 7–22 Uhr");

        await().atMost(WAIT).untilAsserted(() -> assertThat(help("en")).contains(">+43 800 2222222</a>")
                .contains("(Every day 7:00–22:00 CET)").doesNotContain("+49 800 1111111"));
    }

    @Test
    void untilAProfileArrivesTheConfiguredHotlineIsShown() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(help("en"))
                .contains("Call our hotline (24/7): <a href=\"tel:+15550100\">+1 555 0100</a>"));
    }
}
