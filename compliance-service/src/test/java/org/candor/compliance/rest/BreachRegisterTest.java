package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;
import static org.candor.compliance.Fixtures.officer;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.compliance.Fixtures;
import org.candor.compliance.service.AuditCheckpoints;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The breach register (GDPR Art. 33(5)) as JSON and CSV, from incidents built by real events. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class BreachRegisterTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    AuditCheckpoints checkpoints;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    private static UUID declared(String title) {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), title);
        awaitObligation(incident, "NIS2_FINAL_REPORT");
        return incident;
    }

    private static Map<String, Object> entry(UUID incident) {
        List<Map<String, Object>> entries = given().auth().oauth2(CandorTestResource.token(Roles.ANALYST))
                .accept(ContentType.JSON).get("/api/register").then().statusCode(200).extract().jsonPath().getList("$");
        return entries.stream().filter(e -> incident.toString().equals(e.get("incidentId"))).findFirst()
                .orElseThrow(() -> new AssertionError("Incident " + incident + " is not in the register"));
    }

    private static String csv() {
        return given().auth().oauth2(officer()).get("/api/register.csv").then().statusCode(200)
                .contentType(startsWith("text/csv")).header("Content-Disposition", startsWith("attachment"))
                .extract().asString();
    }

    /** The CSV read back by a CSV parser: the incident's rows, one per obligation. */
    private static List<Map<String, String>> rows(String csv, UUID incident) {
        try (MappingIterator<Map<String, String>> rows = new CsvMapper().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return rows.readAll().stream().filter(row -> incident.toString().equals(row.get("incidentId"))).toList();
        } catch (IOException e) {
            throw new AssertionError("Not readable as CSV", e);
        }
    }

    @Test
    void incidentThatWasNeverNotifiedIsInTheRegister() {
        UUID incident = declared("Mailbox compromise");

        Map<String, Object> entry = entry(incident);
        assertThat(entry.get("title")).isEqualTo("Mailbox compromise");
        assertThat(entry.get("notified")).isEqualTo(false);
        assertThat((List<Map<String, Object>>) entry.get("regimes")).extracting(r -> r.get("regime"))
                .containsExactlyInAnyOrder("NIS2_EARLY_WARNING", "NIS2_NOTIFICATION", "NIS2_FINAL_REPORT");
        assertThat((List<Map<String, Object>>) entry.get("regimes")).allSatisfy(r -> {
            assertThat(r.get("filedAt")).isNull();
            assertThat(r.get("filings")).isEqualTo(0);
        });

        List<Map<String, String>> rows = rows(csv(), incident);
        assertThat(rows).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("notified")).isEqualTo("false");
            assertThat(row.get("filedAt")).isEmpty();
        });
    }

    @Test
    void titleWithCommaQuoteAndNewlineIsQuotedAndReadsBackUnchanged() {
        String title = "Breach at \"Portal\", Berlin\nsecond line";
        UUID incident = declared(title);

        String csv = csv();

        assertThat(csv).contains("\"Breach at \"\"Portal\"\", Berlin\nsecond line\"");
        assertThat(rows(csv, incident)).hasSize(3).allSatisfy(row -> assertThat(row.get("title")).isEqualTo(title));
        assertThat(csv).startsWith("incidentId,title,severity,").contains("\r\n");
    }

    @Test
    void cellsASpreadsheetWouldRunAsFormulaeStartWithAnApostrophe() {
        String title = "=HYPERLINK(\"https://attacker.example\",\"Details\")";
        UUID incident = declared(title);
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body("{\"justification\":\"+1 backup only\"}")
                .post("/api/obligations/" + obligation(incident, "NIS2_FINAL_REPORT").get("id") + "/not-required")
                .then().statusCode(200);
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"channel\":\"-portal\","
                        + "\"reference\":\"@SUM(1+1)\",\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + obligation(incident, "NIS2_EARLY_WARNING").get("id") + "/filings")
                .then().statusCode(201);

        List<Map<String, String>> rows = rows(csv(), incident);

        assertThat(rows).extracting(row -> row.get("title")).containsOnly("'" + title);
        assertThat(rows).filteredOn(row -> row.get("regime").equals("NIS2_FINAL_REPORT"))
                .extracting(row -> row.get("notRequiredJustification")).containsExactly("'+1 backup only");
        assertThat(rows).filteredOn(row -> row.get("regime").equals("NIS2_EARLY_WARNING"))
                .extracting(row -> row.get("reference")).containsExactly("'@SUM(1+1)");
        // The JSON register keeps what people wrote.
        assertThat(entry(incident).get("title")).isEqualTo(title);
    }

    @Test
    void registerShowsFilingsJustificationsAndPeopleToldWithoutPersonalData() {
        UUID incident = declared("Ransomware on file server");
        Fixtures.population(incident, Map.of("DE", 3L));
        awaitObligation(incident, "GDPR_ART33");
        Instant submitted = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + submitted + "\",\"channel\":\"BSI portal\",\"reference\":\"BSI-99\","
                        + "\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + obligation(incident, "NIS2_NOTIFICATION").get("id") + "/filings")
                .then().statusCode(201);
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"justification\":\"Data were encrypted at rest; key not exposed\"}")
                .post("/api/obligations/" + obligation(incident, "GDPR_ART33").get("id") + "/not-required")
                .then().statusCode(200);
        Instant told = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.delivered(incident, "customer-1", told);
        Fixtures.delivered(incident, "customer-1", told.plusSeconds(60));
        Fixtures.delivered(incident, "customer-2", told.plusSeconds(120));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> ((Number) entry(incident).get("peopleTold")).longValue() == 2);

        Map<String, Object> entry = entry(incident);
        assertThat(entry.get("notified")).isEqualTo(true);
        assertThat(entry.get("affectedPeople")).isEqualTo(3);
        assertThat(entry.get("dataCategories")).isEqualTo(List.of("CONTACT"));
        assertThat(entry.get("firstToldAt")).isEqualTo(told.toString());
        assertThat(entry.get("lastToldAt")).isEqualTo(told.plusSeconds(120).toString());

        List<Map<String, String>> rows = rows(csv(), incident);
        Map<String, String> notification = rows.stream().filter(r -> r.get("regime").equals("NIS2_NOTIFICATION"))
                .findFirst().orElseThrow();
        assertThat(notification.get("status")).isEqualTo("FILED");
        assertThat(notification.get("filedAt")).isEqualTo(submitted.toString());
        assertThat(notification.get("reference")).isEqualTo("BSI-99");
        Map<String, String> gdpr = rows.stream().filter(r -> r.get("regime").equals("GDPR_ART33")).findFirst()
                .orElseThrow();
        assertThat(gdpr.get("status")).isEqualTo("NOT_REQUIRED");
        assertThat(gdpr.get("notRequiredJustification")).isEqualTo("Data were encrypted at rest; key not exposed");
        assertThat(gdpr.get("peopleTold")).isEqualTo("2");
        // Who filed (a staff account), the DPO's contact and customers' ids stay out of the register.
        assertThat(rows.toString()).doesNotContain("test-user").doesNotContain(Fixtures.DPO_EMAIL)
                .doesNotContain("customer-1");
    }

    @Test
    void csvIsAlsoServedForAcceptTextCsv() {
        UUID incident = declared("Lost laptop");

        String csv = given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).accept("text/csv")
                .get("/api/register").then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();

        assertThat(rows(csv, incident)).hasSize(3);
    }

    @Test
    void theDefaultAcceptGetsJsonNotADownload() {
        UUID incident = declared("Phished mailbox");

        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).accept("*/*")
                .get("/api/register").then().statusCode(200).contentType(startsWith("application/json"))
                .header("Content-Disposition", org.hamcrest.Matchers.nullValue())
                .body("incidentId", org.hamcrest.Matchers.hasItem(incident.toString()));
    }

    @Test
    void everyCsvRowEndsWithTheLatestSignedRecordCheckpoint() {
        UUID incident = declared("Checkpointed breach");
        AuditCheckpoints.Signed checkpoint = checkpoints.checkpointIfChanged().orElseThrow();

        String csv = csv();

        assertThat(csv.substring(0, csv.indexOf("\r\n"))).endsWith(",notRequiredJustification,checkpointEntries,"
                + "checkpointHeadSeq,checkpointHeadHash,checkpointAt,checkpointKeyId,checkpointSignature");
        List<Map<String, String>> rows = rows(csv, incident);
        assertThat(rows).hasSize(3).allSatisfy(row -> {
            assertThat(row.get("checkpointEntries")).isEqualTo(Long.toString(checkpoint.entries()));
            assertThat(row.get("checkpointHeadSeq")).isEqualTo(Long.toString(checkpoint.headSeq()));
            assertThat(row.get("checkpointHeadHash")).isEqualTo(checkpoint.headHash());
            assertThat(row.get("checkpointAt")).isEqualTo(checkpoint.createdAt().toString());
            assertThat(row.get("checkpointKeyId")).isEqualTo(checkpoint.keyId());
            // Defused like every cell when a spreadsheet would run it (a signature may start with '+').
            assertThat(row.get("checkpointSignature")).isIn(checkpoint.signature(), "'" + checkpoint.signature());
        });
    }

    @Test
    void otherRolesMayNotReadTheRegister() {
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).get("/api/register").then().statusCode(403);
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).get("/api/register.csv").then()
                .statusCode(403);
    }
}
