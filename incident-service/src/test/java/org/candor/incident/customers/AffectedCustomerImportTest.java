package org.candor.incident.customers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.customer.CustomerErased;
import org.candor.contracts.incident.AffectedPopulationSummarized;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class AffectedCustomerImportTest {

    private static final String HEADER = "customerId,name,email,phone,locale,country,region,segment\n";

    @Inject
    EntityManager entityManager;

    @Test
    void validRowsAreImportedAndBadRowsReportedWithLineAndReason() {
        String incident = declare();
        String csv = HEADER
                + "C-1,Erika Mustermann,erika@example.org,+4915123456789,de,DE,DE-BY,retail\n"
                + "C-2,John Doe,not-an-email,,en,US,US-TX,retail\n"
                + "C-3,Jane Roe,jane@example.org,0151-123,en,US,US-TX,retail\n"
                + "C-4,Max,max@example.org,,de,XX,,retail\n"
                + "C-5,Ana,ana@example.org,,pt,BR,US-TX,retail\n"
                + ",Nobody,nobody@example.org,,en,DE,,retail\n"
                + "C-7,Mia,mia@example.org,,en,US,US-CA,premium\n";

        importCsv(incident, csv).statusCode(200)
                .body("rows", equalTo(7))
                .body("added", equalTo(2))
                .body("rejected", equalTo(5))
                .body("rejections.line", org.hamcrest.Matchers.contains(3, 4, 5, 6, 7))
                .body("rejections.field", org.hamcrest.Matchers.contains("email", "phone", "country", "region", "customerId"))
                .body("rejections[0].reason", equalTo("is not an email address"));

        commander().get("/api/incidents/" + incident + "/affected-customers").then().statusCode(200)
                .body("customerId", org.hamcrest.Matchers.contains("C-1", "C-7"));
    }

    @Test
    void reimportingTheSameCustomersUpdatesWithoutDuplicating() {
        String incident = declare();
        String first = HEADER + "C-1,Erika,erika@example.org,,de,DE,,retail\nC-2,John,john@example.org,,en,US,US-TX,retail\n";
        importCsv(incident, first).statusCode(200).body("added", equalTo(2));
        long eventsAfterFirst = customerEvents();

        String second = HEADER + "C-1,Erika,erika@example.org,,de,DE,,retail\nC-2,John,john.doe@example.org,,en,US,US-TX,retail\n";
        importCsv(incident, second).statusCode(200)
                .body("added", equalTo(0))
                .body("updated", equalTo(1))
                .body("unchanged", equalTo(1));

        commander().get("/api/incidents/" + incident + "/affected-customers").then()
                .body("$", hasSize(2))
                .body("find { it.customerId == 'C-2' }.email", equalTo("john.doe@example.org"));
        assertThat(customerEvents()).isEqualTo(eventsAfterFirst + 1);
    }

    @Test
    void ndjsonIsImportedWithLineNumbers() {
        String incident = declare();
        String ndjson = "{\"customerId\":\"N-1\",\"email\":\"n1@example.org\",\"locale\":\"en\",\"country\":\"GB\"}\n"
                + "\n"
                + "{\"customerId\":\"N-2\",\"email\":\"n2@example.org\",\"locale\":\"en\"}\n"
                + "not json\n"
                + "{\"customerId\":\"N-4\",\"email\":\"n4@example.org\",\"locale\":\"de\",\"country\":\"AT\",\"shoeSize\":44}\n";

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .contentType("application/x-ndjson").body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/incidents/" + incident + "/affected-customers/import")
                .then().statusCode(200)
                .body("added", equalTo(1))
                .body("rejections.line", org.hamcrest.Matchers.contains(3, 4, 5))
                .body("rejections[0].field", equalTo("country"))
                .body("rejections[2].reason", org.hamcrest.Matchers.containsString("shoeSize"));
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRejectedAndNothingImported() {
        String incident = declare();

        importCsv(incident, "customerId,email,locale\nC-1,erika@example.org,de\n").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("country"))
                .body("errors[0].line", equalTo(1));

        commander().get("/api/incidents/" + incident + "/affected-customers").then().body("$", hasSize(0));
    }

    @Test
    void allOrNothingRefusesTheWholeFileForOneBadRow() {
        String incident = declare();
        String csv = HEADER + "C-1,Erika,erika@example.org,,de,DE,,retail\nC-2,John,john@,,en,US,,retail\n";

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .contentType("text/csv").body(csv)
                .queryParam("allOrNothing", true)
                .post("/api/incidents/" + incident + "/affected-customers/import")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].line", equalTo(3))
                .body("errors[0].field", equalTo("email"));

        commander().get("/api/incidents/" + incident + "/affected-customers").then().body("$", hasSize(0));
    }

    @Test
    void importPublishesContactDetailsOnlyOnTheAffectedCustomerTopic() {
        String incident = declare();
        String customerId = "K-" + incident.substring(0, 8);

        importCsv(incident, HEADER + customerId + ",Erika,erika@example.org,+4915123456789,de,DE,DE-BY,retail\n")
                .statusCode(200);

        ConsumerRecord<String, String> added = TestKafka.awaitRecord(Topics.AFFECTED_CUSTOMERS,
                r -> customerId.equals(r.key()) && type(r).equals(AffectedCustomerAdded.TYPE), Duration.ofSeconds(30));
        assertThat(new JsonPath(added.value()).getString("customer.email")).isEqualTo("erika@example.org");
        ConsumerRecord<String, String> summary = TestKafka.awaitRecord(Topics.INCIDENT_EVENTS,
                r -> incident.equals(r.key()) && type(r).equals(AffectedPopulationSummarized.TYPE), Duration.ofSeconds(30));
        assertThat(summary.value()).doesNotContain("erika");
        assertThat(new JsonPath(summary.value()).getLong("total")).isEqualTo(1);
    }

    @Test
    void populationIsCountedByCountryAndRegion() {
        String incident = declare();
        importCsv(incident, HEADER
                + "C-1,,a@example.org,,de,DE,,\nC-2,,b@example.org,,de,DE,DE-BY,\n"
                + "C-3,,c@example.org,,en,US,US-TX,\nC-4,,d@example.org,,en,US,US-TX,\nC-5,,e@example.org,,en,US,US-CA,\n")
                .statusCode(200);

        commander().get("/api/incidents/" + incident + "/affected-population").then().statusCode(200)
                .body("total", equalTo(5))
                .body("counts.find { it.country == 'US' && it.region == null }.count", equalTo(3))
                .body("counts.find { it.region == 'US-TX' }.count", equalTo(2))
                .body("counts.find { it.region == 'DE-BY' }.count", equalTo(1));
    }

    @Test
    void removingACustomerWhoIsNotAffectedUpdatesThePopulation() {
        String incident = declare();
        importCsv(incident, HEADER + "C-1,,a@example.org,,de,DE,,\nC-2,,b@example.org,,de,DE,,\n").statusCode(200);

        commander().delete("/api/incidents/" + incident + "/affected-customers/C-2").then().statusCode(204);

        commander().get("/api/incidents/" + incident + "/affected-population").then().body("total", equalTo(1));
        commander().delete("/api/incidents/" + incident + "/affected-customers/C-2").then().statusCode(404);
    }

    @Test
    void erasureRemovesPersonalDataEverywhereAndBlocksReimport() {
        String incident = declare();
        String customerId = "E-" + incident.substring(0, 8);
        String row = customerId + ",Erika,erika@example.org,+4915123456789,de,DE,DE-BY,retail\n";
        importCsv(incident, HEADER + row).statusCode(200);

        commander().post("/api/customers/" + customerId + "/erasure").then().statusCode(202);

        commander().get("/api/incidents/" + incident + "/affected-customers").then()
                .body("[0].email", nullValue())
                .body("[0].name", nullValue())
                .body("[0].erased", equalTo(true))
                .body("[0].country", equalTo("DE"));
        TestKafka.awaitRecord(Topics.AFFECTED_CUSTOMERS,
                r -> customerId.equals(r.key()) && type(r).equals(CustomerErased.TYPE), Duration.ofSeconds(30));
        importCsv(incident, HEADER + row).statusCode(200)
                .body("rejected", equalTo(1))
                .body("rejections[0].reason", equalTo("this customer asked for erasure"));
    }

    @Test
    void aRowWithSeveralBadFieldsReportsEachOfThem() {
        String incident = declare();

        importCsv(incident, HEADER + "C-1,Erika,not-an-email,0151-123,german,DE,BY,retail\n").statusCode(200)
                .body("rejected", equalTo(1))
                .body("rejections.line", org.hamcrest.Matchers.contains(2, 2, 2, 2))
                .body("rejections.field", org.hamcrest.Matchers.contains("email", "phone", "locale", "region"));
    }

    @Test
    void aRegionOutsideItsCountryIsExplainedWithARealSubdivisionOfThatCountry() {
        String incident = declare();

        importCsv(incident, HEADER + "C-1,John,john@example.org,,en,US,DE-BY,retail\n").statusCode(200)
                .body("rejections[0].field", equalTo("region"))
                .body("rejections[0].reason", equalTo(
                        "must be a full ISO 3166-2 code of US: US- followed by the subdivision, e.g. US-CA"));
    }

    @Test
    void anImportOfBytesWithoutAMediaTypeItReadsIsRefusedWith415() {
        String incident = declare();

        // A byte body without a declared type goes out as application/octet-stream, which the import does not read.
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .body((HEADER + "C-1,,a@example.org,,de,DE,,\n").getBytes(StandardCharsets.UTF_8))
                .post("/api/incidents/" + incident + "/affected-customers/import")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("application/octet-stream"));
        commander().get("/api/incidents/" + incident + "/affected-customers").then().statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void allOrNothingThatIsNotABooleanIsRefusedNamingTheParameter() {
        String incident = declare();

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .contentType("text/csv").body((HEADER + "C-1,,a@example.org,,de,DE,,\n").getBytes(StandardCharsets.UTF_8))
                .queryParam("allOrNothing", "abc")
                .post("/api/incidents/" + incident + "/affected-customers/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("allOrNothing"))
                .body("errors[0].message", equalTo("is not a valid boolean (true or false)"));
    }

    @Test
    void importingIntoAnUnknownIncidentIsNotFound() {
        importCsv("0f0f0f0f-0000-4000-8000-000000000000", HEADER + "C-1,,a@example.org,,de,DE,,\n").statusCode(404);
    }

    private long customerEvents() {
        return entityManager.createQuery(
                "select count(e) from OutboxEvent e where e.aggregateType = 'affected-customer'", Long.class)
                .getSingleResult();
    }

    private static String type(ConsumerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
    }

    private static ValidatableResponse importCsv(String incident, String csv) {
        return given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/incidents/" + incident + "/affected-customers/import")
                .then();
    }

    private static String declare() {
        return commander().body(Map.of("title", "Portal breach", "summary", "Customer records were read.",
                "severity", "HIGH", "detectedAt", "2026-03-27T14:00:00+01:00", "awareAt", "2026-03-27T16:30:00+01:00"))
                .post("/api/incidents").then().statusCode(201).extract().path("id");
    }

    private static RequestSpecification commander() {
        return given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType(ContentType.JSON);
    }
}
