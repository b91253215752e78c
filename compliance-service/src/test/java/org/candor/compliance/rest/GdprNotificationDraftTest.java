package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;
import static org.candor.compliance.Fixtures.officer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** The draft notification to the supervisory authority, filled from real incident events. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class GdprNotificationDraftTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    AuditCheckpoints checkpoints;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    private static String path(UUID incident) {
        return "/api/incidents/" + incident + "/reports/gdpr-art33";
    }

    private static JsonPath draft(UUID incident, String lang) {
        return given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).accept(ContentType.JSON)
                .queryParam("lang", lang).get(path(incident)).then().statusCode(200).extract().jsonPath();
    }

    private static String section(JsonPath draft, String id) {
        return draft.getString("sections.find { it.id == '" + id + "' }.text");
    }

    /** Declared 10 hours ago; 1,200 people in Germany (contact data), assessed as high risk, contained. */
    private static UUID assessedAndContainedIncident() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(10, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        Fixtures.population(incident, Map.of("DE", 1200L));
        Fixtures.riskAssessed(incident, true);
        Fixtures.phaseChanged(incident, "DETECTED", "CONTAINED", aware.plus(2, ChronoUnit.HOURS));
        awaitObligation(incident, "GDPR_ART34");
        await().atMost(Duration.ofSeconds(30)).until(() -> section(draft(incident, "en"), "measures").contains("contained"));
        return incident;
    }

    @Test
    void englishDraftFillsEachArt33ItemFromTheIncidentEventsAndProfile() {
        UUID incident = assessedAndContainedIncident();

        JsonPath draft = draft(incident, "en");

        assertThat(draft.getString("lang")).isEqualTo("en");
        assertThat(draft.getString("title")).startsWith("Notification of a personal data breach");
        assertThat(draft.getList("sections.id")).containsExactly("controller", "nature", "dpo", "consequences",
                "measures", "timing");
        assertThat(draft.getString("sections.find { it.id == 'nature' }.heading"))
                .isEqualTo("(a) Nature of the personal data breach");
        assertThat(section(draft, "controller")).contains("Beispiel Energie GmbH").contains("BfDI");
        assertThat(section(draft, "nature")).contains("Portal breach").contains("contact data")
                .contains("Approximate number of data subjects concerned: 1,200")
                .contains("personal data records concerned: not yet known");
        assertThat(section(draft, "dpo")).contains("Dana Schutz").contains(Fixtures.DPO_EMAIL);
        assertThat(section(draft, "consequences")).contains("likelihood HIGH").contains("a high risk")
                .contains("Art. 34");
        assertThat(section(draft, "measures")).contains("The incident was contained");
        assertThat(section(draft, "timing")).contains("72 hours after awareness").contains("OPEN")
                .contains("No report has been submitted");
        // Only what no event carries is still unknown.
        assertThat(draft.getList("missing")).containsExactly("personalDataRecords", "measuresProposed");
    }

    @Test
    void germanDraftOfAFreshIncidentSaysWhatIsNotKnownYet() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        awaitObligation(incident, "NIS2_EARLY_WARNING");

        JsonPath draft = draft(incident, "de");

        assertThat(draft.getString("title")).startsWith("Meldung einer Verletzung des Schutzes personenbezogener Daten");
        assertThat(section(draft, "nature")).contains("Betroffene Kategorien personenbezogener Daten: noch nicht bekannt")
                .contains("Ungefähre Zahl der betroffenen Personen: noch nicht bekannt");
        assertThat(section(draft, "consequences")).contains("Wahrscheinliche Folgen: noch nicht bekannt");
        assertThat(section(draft, "measures")).contains("Ergriffene Maßnahmen: noch nicht bekannt");
        assertThat(section(draft, "timing")).contains("keine Meldepflicht nach Art. 33");
        assertThat(draft.getList("missing")).containsExactly("dataCategories", "dataSubjects", "personalDataRecords",
                "likelyConsequences", "measuresTaken", "measuresProposed");
    }

    @Test
    void eachLanguageQuotesTheIncidentSummaryWrittenInIt() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        Fixtures.detailsChanged(incident, aware, Map.of("en", "Customer passwords were copied",
                "de", "Passwörter von Kundinnen und Kunden wurden kopiert"));
        await().atMost(Duration.ofSeconds(30)).until(() -> section(draft(incident, "de"), "nature")
                .contains("Passwörter von Kundinnen und Kunden wurden kopiert"));

        assertThat(section(draft(incident, "de"), "nature")).doesNotContain("Customer passwords were copied");
        assertThat(section(draft(incident, "en"), "nature")).contains("Customer passwords were copied")
                .doesNotContain("Passwörter");
    }

    @Test
    void germanMarkdownDocumentUsesGermanNumbersAndListsWhatIsStillMissing() {
        UUID incident = assessedAndContainedIncident();

        String document = given().auth().oauth2(officer()).accept("text/markdown").queryParam("lang", "de")
                .get(path(incident)).then().statusCode(200).contentType(startsWith("text/markdown")).extract().asString();

        assertThat(document).startsWith("# Meldung einer Verletzung des Schutzes personenbezogener Daten")
                .contains("## a) Art der Verletzung des Schutzes personenbezogener Daten")
                .contains("Ungefähre Zahl der betroffenen Personen: 1.200")
                .contains("- Kontaktdaten")
                .contains("Der Vorfall wurde eingedämmt")
                .contains("## Noch zu ergänzen\n\n- ungefähre Zahl der betroffenen Datensätze\n"
                        + "- vorgeschlagene Maßnahmen und Abmilderung")
                .doesNotContain("{").doesNotContain("NOT_FOUND");
    }

    @Test
    void englishPlainTextDocumentRefersToTheInitialNotificationItCompletes() {
        UUID incident = assessedAndContainedIncident();
        String gdpr = (String) obligation(incident, "GDPR_ART33").get("id");
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"channel\":\"BfDI portal\","
                        + "\"reference\":\"BFDI-2026-17\",\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + gdpr + "/filings").then().statusCode(201);

        String document = given().auth().oauth2(officer()).accept("text/plain").queryParam("lang", "en")
                .get(path(incident)).then().statusCode(200).contentType(startsWith("text/plain")).extract().asString();

        assertThat(document).contains("completes the notification submitted").contains("BFDI-2026-17")
                .contains("- GDPR_ART33 to Lead supervisory authority: INITIAL report")
                .contains("## Still to be completed");
    }

    @Test
    void theDraftCarriesTheLatestSignedRecordCheckpoint() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(1, ChronoUnit.HOURS));
        awaitObligation(incident, "NIS2_EARLY_WARNING");
        AuditCheckpoints.Signed checkpoint = checkpoints.checkpointIfChanged().orElseThrow();

        String document = given().auth().oauth2(officer()).accept("text/markdown").queryParam("lang", "en")
                .get(path(incident)).then().statusCode(200).extract().asString();
        JsonPath draft = draft(incident, "de");

        assertThat(document).contains("## Record checkpoint\n\nrecord checkpoint: " + checkpoint.headHash() + ", "
                + checkpoint.createdAt() + "\n")
                .contains("held " + checkpoint.entries() + " entries")
                .contains("`" + checkpoint.headSeq() + "`, `" + checkpoint.headHash() + "`, `" + checkpoint.createdAt() + "`")
                .contains("Signature (base64): `" + checkpoint.signature() + "`");
        assertThat(draft.getString("recordCheckpoint.line"))
                .isEqualTo("record checkpoint: " + checkpoint.headHash() + ", " + checkpoint.createdAt());
        assertThat(draft.getString("recordCheckpoint.statement")).isEqualTo(checkpoint.statement());
        assertThat(draft.getBoolean("recordCheckpoint.verified")).isTrue();
    }

    @Test
    void withoutAnAcceptHeaderPreferenceTheDraftIsJson() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(1, ChronoUnit.HOURS));
        awaitObligation(incident, "NIS2_EARLY_WARNING");

        given().auth().oauth2(officer()).queryParam("lang", "en").get(path(incident)).then().statusCode(200)
                .contentType(ContentType.JSON).body("incidentId", equalTo(incident.toString()))
                .body("regime", equalTo("GDPR_ART33"));
    }

    @Test
    void unsupportedLanguageIsRejectedNamingLang() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(1, ChronoUnit.HOURS));
        awaitObligation(incident, "NIS2_EARLY_WARNING");

        given().auth().oauth2(officer()).queryParam("lang", "fr").get(path(incident)).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("lang"));
    }

    @Test
    void unknownIncidentIsNotFound() {
        for (String accept : List.of("application/json", "text/markdown")) {
            given().auth().oauth2(officer()).accept(accept).queryParam("lang", "en").get(path(UUID.randomUUID()))
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("detail", startsWith("No incident"));
        }
    }

    @Test
    void supportAgentsMayNotReadTheDraft() {
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).queryParam("lang", "en")
                .get(path(UUID.randomUUID())).then().statusCode(403).body("status", equalTo(403));
    }
}
