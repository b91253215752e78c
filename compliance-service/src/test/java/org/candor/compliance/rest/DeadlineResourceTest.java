package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class DeadlineResourceTest {

    private static final String EXAMPLE = """
            {
              "profile": { "timezone": "Europe/Berlin", "establishments": ["DE"], "flags": ["NIS2_ESSENTIAL"] },
              "triggers": { "AWARENESS": "2026-03-27T16:30:00+01:00" },
              "population": [ { "country": "DE", "count": 1200 }, { "country": "US", "region": "US-TX", "count": 300 } ],
              "highRisk": true
            }""";

    private static ValidatableResponse calculate(String body, String role) {
        return given().auth().oauth2(CandorTestResource.token(role)).contentType(ContentType.JSON).body(body)
                .post("/api/deadlines/calculate").then();
    }

    @Test
    void exampleRequestGivesGdprDeadlineInUtcAndLocalTime() {
        calculate(EXAMPLE, Roles.COMPLIANCE_OFFICER).statusCode(200)
                .body("obligations.find { it.regime == 'GDPR_ART33' }.dueAt", equalTo("2026-03-30T15:30:00Z"))
                .body("obligations.find { it.regime == 'GDPR_ART33' }.dueAtLocal", equalTo("2026-03-30T17:30:00+02:00"))
                .body("obligations.find { it.regime == 'GDPR_ART33' }.timezone", equalTo("Europe/Berlin"))
                .body("obligations.find { it.regime == 'GDPR_ART33' }.triggerAssumed", equalTo(false))
                .body("obligations.find { it.regime == 'GDPR_ART34' }.asap", equalTo(true))
                .body("obligations.find { it.regime == 'GDPR_ART34' }.dueAt", nullValue())
                .body("obligations.regime", hasItems("NIS2_EARLY_WARNING", "US_TX_INDIVIDUALS", "US_TX_AG"));
    }

    @Test
    void residentsOfStatesWithoutARuleAreReturnedAsCatalogueGapsBesideTheDeadlines() {
        calculate(EXAMPLE.replace("{ \"country\": \"US\", \"region\": \"US-TX\", \"count\": 300 }",
                "{ \"country\": \"US\", \"region\": \"US-TX\", \"count\": 300 }, "
                        + "{ \"country\": \"US\", \"region\": \"US-IL\", \"count\": 80 }, "
                        + "{ \"country\": \"US\", \"region\": \"US-MA\", \"count\": 120 }"), Roles.ANALYST)
                .statusCode(200)
                .body("obligations.regime", hasItems("GDPR_ART33", "US_TX_AG"))
                .body("catalogueGaps.region", contains("US-MA", "US-IL"))
                .body("catalogueGaps.people", contains(120, 80))
                .body("catalogueGaps[0].warning", containsString("No rule in the catalogue for residents of US-MA"));
    }

    @Test
    void aPopulationCoveredEverywhereHasNoCatalogueGaps() {
        calculate(EXAMPLE, Roles.ANALYST).statusCode(200).body("catalogueGaps", empty());
    }

    @Test
    void missingTriggerIsAssumedAtAwareness() {
        calculate(EXAMPLE, Roles.ANALYST).statusCode(200)
                .body("obligations.find { it.regime == 'US_TX_INDIVIDUALS' }.trigger", equalTo("DETERMINATION"))
                .body("obligations.find { it.regime == 'US_TX_INDIVIDUALS' }.triggerAssumed", equalTo(true))
                .body("obligations.find { it.regime == 'US_TX_INDIVIDUALS' }.dueAtLocal",
                        equalTo("2026-05-26T23:59:59+02:00"));
    }

    @Test
    void unknownFlagIsRejectedNamingTheField() {
        calculate(EXAMPLE.replace("NIS2_ESSENTIAL", "NIS3"), Roles.ANALYST).statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("profile.flags[0]"));
    }

    @Test
    void unknownTriggerIsRejectedNamingTheField() {
        calculate(EXAMPLE.replace("\"AWARENESS\": \"2026", "\"AWARENESS\": \"2026-03-27T16:30:00+01:00\", \"HUNCH\": \"2026"),
                Roles.ANALYST).statusCode(400)
                .body("errors.field", hasItem("triggers.HUNCH"));
    }

    @Test
    void submissionOfAnUnknownRegimeIsRejected() {
        calculate(EXAMPLE.replace("\"AWARENESS\": \"2026", "\"AWARENESS\": \"2026-03-27T16:30:00+01:00\", "
                + "\"REPORT_SUBMITTED:NOPE\": \"2026"), Roles.ANALYST).statusCode(400)
                .body("errors.field", hasItem("triggers.REPORT_SUBMITTED:NOPE"));
    }

    @Test
    void unknownCountryIsRejectedNamingTheField() {
        calculate(EXAMPLE.replace("\"country\": \"DE\"", "\"country\": \"XX\""), Roles.ANALYST).statusCode(400)
                .body("errors.field", hasItem("population[0].country"));
    }

    @Test
    void negativeCountIsRejectedNamingTheField() {
        calculate(EXAMPLE.replace("\"count\": 300", "\"count\": -1"), Roles.ANALYST).statusCode(400)
                .body("errors.field", hasItem("population[1].count"));
    }

    @Test
    void timestampWithoutOffsetIsRejectedNamingTheField() {
        calculate(EXAMPLE.replace("2026-03-27T16:30:00+01:00", "2026-03-29T02:30:00"), Roles.ANALYST).statusCode(400)
                .body("errors.field", hasItem("triggers.AWARENESS"))
                .body("errors.find { it.field == 'triggers.AWARENESS' }.message",
                        org.hamcrest.Matchers.containsString("has no offset"));
    }

    @Test
    void unknownTimeZoneIsRejected() {
        calculate(EXAMPLE.replace("Europe/Berlin", "Europe/Atlantis"), Roles.ANALYST).statusCode(400)
                .body("errors.field", hasItem("profile.timezone"));
    }

    @Test
    void otherRolesMayNotCalculate() {
        calculate(EXAMPLE, Roles.SUPPORT_AGENT).statusCode(403);
    }

    @Test
    void regimesAreListedWithCitations() {
        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).get("/api/regimes").then().statusCode(200)
                .body("version", equalTo("2026.1"))
                .body("regimes.find { it.id == 'SEC_8K_ITEM_105' }.calendar", equalTo("US_FEDERAL"))
                .body("regimes.find { it.id == 'GDPR_ART33' }.citation", org.hamcrest.Matchers.containsString("Art. 33"));
    }

    @Test
    void holidayCalendarForAnyYear() {
        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).get("/api/calendars/US_FEDERAL/2031").then()
                .statusCode(200)
                .body("date", hasItem("2031-11-27"));
    }
}
