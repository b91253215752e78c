package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.Fixtures.officer;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.compliance.Fixtures;
import org.candor.contracts.Topics;
import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The profile's public contact, and the organisation's public identity published from the profile on
 * {@code candor.compliance.organisation} whenever (and only when) a part of it changes.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ProfileCustomerContactTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @BeforeEach
    @AfterEach
    void sharedProfile() {
        Fixtures.profile();
    }

    private static String profile(String legalName, String timezone, String contact) {
        return """
                {"legalName": "%s", "establishments": ["DE"], "leadAuthority": "BfDI",
                 "dpo": {"name": "Dana Schutz", "email": "datenschutz@nordlicht.example", "phone": "+4930123456"},
                 "complianceOfficers": ["compliance@example.org"], "locale": "de", "timezone": "%s",
                 "flags": ["NIS2_ESSENTIAL"]%s}""".formatted(legalName, timezone,
                contact == null ? "" : ", \"customerContact\": " + contact);
    }

    private static void put(String body) {
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body(body).put("/api/profile").then()
                .statusCode(200);
    }

    private static ConsumerRecord<String, String> published(String legalName) {
        return TestKafka.awaitRecord(Topics.COMPLIANCE_ORGANISATION,
                record -> Fixtures.json(record.value()).path("legalName").asText().equals(legalName), WAIT);
    }

    @Test
    void aChangedProfilePublishesTheOrganisationsPublicIdentityUnderOneKey() {
        String legalName = "Nordlicht Versorgung AG " + UUID.randomUUID().toString().substring(0, 8);

        put(profile(legalName, "Europe/Berlin", """
                {"hotline": "+49 800 1234567", "supportHours": {"en": "Mon–Fri 8:00–20:00 CET", "de": "Mo–Fr 8–20 Uhr"}}"""));

        ConsumerRecord<String, String> record = published(legalName);
        assertThat(record.key()).isEqualTo(OrganisationProfileChanged.ORGANISATION);
        assertThat(new String(record.headers().lastHeader("ce_type").value()))
                .isEqualTo(OrganisationProfileChanged.TYPE);
        JsonNode data = Fixtures.json(record.value());
        assertThat(data.path("dpo").path("name").asText()).isEqualTo("Dana Schutz");
        assertThat(data.path("dpo").path("email").asText()).isEqualTo("datenschutz@nordlicht.example");
        assertThat(data.path("dpo").path("phone").asText()).isEqualTo("+4930123456");
        assertThat(data.path("hotline").asText()).isEqualTo("+49 800 1234567");
        assertThat(data.path("supportHours").path("en").asText()).isEqualTo("Mon–Fri 8:00–20:00 CET");
        assertThat(data.path("supportHours").path("de").asText()).isEqualTo("Mo–Fr 8–20 Uhr");
        assertThat(data.path("changedAt").asText()).isNotBlank();
        // Only the public identity: nothing of the establishments, officers or flags.
        assertThat(data.fieldNames()).toIterable()
                .containsExactlyInAnyOrder("legalName", "dpo", "hotline", "supportHours", "changedAt");
        given().auth().oauth2(officer()).get("/api/profile").then().statusCode(200)
                .body("customerContact.hotline", equalTo("+49 800 1234567"))
                .body("customerContact.supportHours.de", equalTo("Mo–Fr 8–20 Uhr"));
    }

    @Test
    void aChangeToNothingPublicPublishesNothing() {
        String first = "Nordlicht Versorgung AG " + UUID.randomUUID().toString().substring(0, 8);
        String contact = """
                {"hotline": "+49 800 1234567", "supportHours": {"de": "Mo–Fr 8–20 Uhr"}}""";
        put(profile(first, "Europe/Berlin", contact));
        long firstOffset = published(first).offset();

        // Another time zone recomputes the obligations but changes nothing customers are told.
        put(profile(first, "Europe/Vienna", contact));
        String second = "Nordlicht Netze AG " + UUID.randomUUID().toString().substring(0, 8);
        put(profile(second, "Europe/Vienna", contact));
        long secondOffset = published(second).offset();

        List<ConsumerRecord<String, String>> between = TestKafka.readAll(Topics.COMPLIANCE_ORGANISATION).stream()
                .filter(record -> record.offset() > firstOffset && record.offset() < secondOffset).toList();
        assertThat(between).as("events between the two identities").isEmpty();
    }

    @Test
    void anInvalidCustomerContactIsRejectedNamingEachFieldAndNothingChanges() {
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(profile("Nordlicht Versorgung AG", "Europe/Berlin", """
                        {"hotline": "0800 1234567", "supportHours": {"deutsch": "Mo–Fr", "en": "%s", "fr": " "}}"""
                        .formatted("x".repeat(81))))
                .put("/api/profile").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("customerContact.hotline", "customerContact.supportHours.deutsch",
                        "customerContact.supportHours.en", "customerContact.supportHours.fr"));
        given().auth().oauth2(officer()).get("/api/profile").then().statusCode(200)
                .body("legalName", equalTo("Beispiel Energie GmbH"))
                .body("customerContact", nullValue());
    }

    @Test
    void aHotlineWithTooManyDigitsIsRejected() {
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body(profile("Nordlicht Versorgung AG", "Europe/Berlin", """
                        {"hotline": "+49 800 1234 5678 9012"}"""))
                .put("/api/profile").then().statusCode(400)
                .body("errors.field", hasItems("customerContact.hotline"));
    }
}
