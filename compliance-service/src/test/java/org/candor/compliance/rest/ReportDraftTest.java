package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.officer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.compliance.Fixtures;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.AffectedCustomer;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Drafts for NIS2, DORA, the SEC and a US state attorney general from live data; what is not known is listed. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ReportDraftTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    private static UUID incident() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        awaitObligation(incident, "NIS2_FINAL_REPORT");
        return incident;
    }

    private static JsonPath report(UUID incident, String report, String query) {
        return given().auth().oauth2(officer()).get("/api/incidents/" + incident + "/reports/" + report + query).then()
                .statusCode(200).extract().jsonPath();
    }

    private static String value(JsonPath draft, String field) {
        return draft.getString("fields.find { it.id == '" + field + "' }.value");
    }

    @Test
    void aStateAttorneyGeneralNoticeCarriesTheStatesCountsAndListsWhatCandorCannotKnow() throws Exception {
        UUID incident = incident();
        Fixtures.population(incident, Map.of("US/US-TX", 300L));
        for (String customer : List.of("tx-1", "tx-2")) {
            TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, null, customer, UUID.randomUUID(), AffectedCustomerAdded.TYPE,
                    JSON.writeValueAsString(new AffectedCustomerAdded(incident, new AffectedCustomer(customer, "N",
                            customer + "@example.org", null, "en", "US", "US-TX", "retail"), Instant.now())));
            Fixtures.delivered(incident, customer, Instant.now().minus(10, ChronoUnit.MINUTES));
        }
        awaitObligation(incident, "US_TX_AG");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(value(report(incident, "us-state-ag", "?region=US-TX&lang=en"), "residentsNotified")).isEqualTo("2"));
        JsonPath draft = report(incident, "us-state-ag", "?region=US-TX&lang=en");
        assertThat(draft.getString("regime")).isEqualTo("US_STATE_AG");
        assertThat(value(draft, "residentsAffected")).isEqualTo("300");
        assertThat(value(draft, "residentsNotReached")).isEqualTo("0");
        assertThat(value(draft, "entity")).isEqualTo("Beispiel Energie GmbH");
        assertThat(value(draft, "dueAt")).isNotNull();
        assertThat(draft.getList("missing")).contains("breachPeriod", "noticeCopy")
                .doesNotContain("residentsAffected", "residentsNotified", "entity");
    }

    @Test
    void anIncidentWithoutFactsGetsADraftListingEverythingThatIsMissing() {
        UUID incident = incident();

        JsonPath draft = report(incident, "nis2-final-report", "?lang=de");
        String markdown = given().auth().oauth2(officer()).accept("text/markdown")
                .get("/api/incidents/" + incident + "/reports/nis2-final-report?lang=de").then().statusCode(200)
                .extract().asString();

        assertThat(draft.getList("missing")).containsExactlyInAnyOrder("dataCategories", "impact", "rootCause",
                "mitigation", "crossBorderImpact");
        assertThat(draft.getList("fields.findAll { it.value == null }.id")).hasSameElementsAs(draft.getList("missing"));
        assertThat(value(draft, "severity")).isEqualTo("HIGH");
        assertThat(markdown).contains("# Entwurf: NIS2_FINAL_REPORT", "## Fehlt", "- `rootCause`", "- `impact`",
                "## Art der Bedrohung oder Grundursache (Art. 23(4)(d)(ii))");
        assertThat(markdown).doesNotContainIgnoringCase("to be completed").doesNotContain("TODO");
    }

    @Test
    void anSecDraftTakesTheMaterialityDeterminationAndLeavesTheImpactToTheRegistrant() {
        UUID incident = incident();
        Instant determined = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"type\":\"MATERIALITY_DETERMINATION\",\"at\":\"" + determined + "\"}")
                .post("/api/incidents/" + incident + "/triggers").then().statusCode(200);

        JsonPath draft = report(incident, "sec-8k-item-105", "?lang=en");

        assertThat(value(draft, "materialityDeterminedAt")).isNotNull();
        assertThat(draft.getList("missing")).contains("natureScopeTiming", "materialImpact", "attorneyGeneralDelay")
                .doesNotContain("materialityDeterminedAt");
    }

    @Test
    void aStateNoticeWithoutAStateIsRefusedNamingRegionAndAnUnknownReportIsNotFound() {
        UUID incident = incident();

        given().auth().oauth2(officer()).get("/api/incidents/" + incident + "/reports/us-state-ag").then()
                .statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("region"));
        given().auth().oauth2(officer()).get("/api/incidents/" + incident + "/reports/fax-to-regulator").then()
                .statusCode(404);
        given().auth().oauth2(CandorTestResource.token(org.candor.platform.security.Roles.SUPPORT_AGENT))
                .get("/api/incidents/" + incident + "/reports/dora-initial").then().statusCode(403);
    }
}
