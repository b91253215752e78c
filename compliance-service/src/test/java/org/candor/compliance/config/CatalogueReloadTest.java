package org.candor.compliance.config;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;
import static org.candor.compliance.Fixtures.officer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.compliance.Fixtures;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Management;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A catalogue an operator replaces on disk: validated, refused with every error, or applied to open obligations. */
@QuarkusTest
@TestProfile(CatalogueReloadTest.MountedCatalogue.class)
@WithTestResource(CandorTestResource.class)
class CatalogueReloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Per JVM, not per class loader: the profile and the test class may be loaded twice. */
    static final Path DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"),
            "candor-catalogue-" + ProcessHandle.current().pid());
    static final Path REGIMES = DIRECTORY.resolve("regimes.json");
    static final Path CALENDARS = DIRECTORY.resolve("holiday-calendars.json");

    /** The bundled files copied to a directory, as a ConfigMap would mount them; checked only on reload. */
    public static class MountedCatalogue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                if (!Files.exists(REGIMES)) {
                    Files.createDirectories(DIRECTORY);
                    Files.writeString(REGIMES, bundled("catalogue/regimes.json"));
                    Files.writeString(CALENDARS, bundled("catalogue/holiday-calendars.json"));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("candor.compliance.catalogue-file", REGIMES.toString(),
                    "candor.compliance.holiday-calendars-file", CALENDARS.toString(),
                    "candor.compliance.catalogue-check-every", "off");
        }
    }

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    static String bundled(String resource) throws IOException {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The bundled catalogue under a new version, with NIS2's early warning due after {@code hours}. */
    private static String catalogueWithEarlyWarningAfter(String version, int hours) throws IOException {
        ObjectNode catalogue = (ObjectNode) JSON.readTree(bundled("catalogue/regimes.json"));
        catalogue.put("version", version);
        for (JsonNode regime : catalogue.get("regimes")) {
            if ("NIS2_EARLY_WARNING".equals(regime.get("id").asText())) {
                ((ObjectNode) regime.get("period")).put("amount", hours);
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(catalogue);
    }

    private static Response reload() {
        return given().auth().oauth2(officer()).post("/api/regimes/reload");
    }

    private static String versionInForce() {
        return given().auth().oauth2(officer()).get("/api/regimes").then().statusCode(200).extract().path("version");
    }

    /** Puts a fresh valid version in force, so that each test starts from a catalogue it knows. */
    private static String freshVersion(int earlyWarningHours) throws IOException {
        String version = "test-" + UUID.randomUUID();
        Files.writeString(REGIMES, catalogueWithEarlyWarningAfter(version, earlyWarningHours));
        reload().then().statusCode(200);
        assertThat(versionInForce()).isEqualTo(version);
        return version;
    }

    private static UUID incident() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        awaitObligation(incident, "NIS2_FINAL_REPORT");
        return incident;
    }

    @Test
    void aNewVersionRecomputesOpenObligationsAndShowsWhatChanged() throws IOException {
        String before = freshVersion(24);
        UUID incident = incident();
        Map<String, Object> warning = obligation(incident, "NIS2_EARLY_WARNING");
        assertThat(warning.get("catalogueVersion")).isEqualTo(before);
        Instant awareAt = Instant.parse((String) warning.get("triggerAt"));
        String after = "test-" + UUID.randomUUID();
        Files.writeString(REGIMES, catalogueWithEarlyWarningAfter(after, 12));

        Response response = reload();

        response.then().statusCode(200);
        assertThat(response.jsonPath().getString("outcome")).isEqualTo("ACTIVATED");
        assertThat(response.jsonPath().getString("previousVersion")).isEqualTo(before);
        List<Map<String, Object>> changes = response.jsonPath().getList("changes");
        Map<String, Object> change = changes.stream().filter(c -> warning.get("id").equals(c.get("obligationId")))
                .findFirst().orElseThrow(() -> new AssertionError("the early warning is not among " + changes));
        assertThat(change.get("change")).isEqualTo("RECALCULATED");
        assertThat(change.get("previousCatalogueVersion")).isEqualTo(before);
        assertThat(Instant.parse((String) change.get("previousDueAt"))).isEqualTo(awareAt.plus(24, ChronoUnit.HOURS));
        assertThat(Instant.parse((String) change.get("dueAt"))).isEqualTo(awareAt.plus(12, ChronoUnit.HOURS));
        Map<String, Object> recomputed = obligation(incident, "NIS2_EARLY_WARNING");
        assertThat(recomputed.get("catalogueVersion")).isEqualTo(after);
        assertThat(Instant.parse((String) recomputed.get("dueAt"))).isEqualTo(awareAt.plus(12, ChronoUnit.HOURS));
        // Unchanged by the new version: recorded with it, not listed as a change.
        assertThat(obligation(incident, "NIS2_NOTIFICATION").get("catalogueVersion")).isEqualTo(after);
        assertThat(changes).noneMatch(c -> obligation(incident, "NIS2_NOTIFICATION").get("id").equals(c.get("obligationId")));
        List<Map<String, Object>> versions = given().auth().oauth2(officer()).get("/api/regimes/versions").then()
                .statusCode(200).extract().jsonPath().getList("$");
        assertThat(versions.get(0).get("version")).isEqualTo(after);
        assertThat(versions.get(0).get("inForce")).isEqualTo(true);
        assertThat((List<?>) versions.get(0).get("changes")).hasSameSizeAs(changes);
        List<String> audited = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select details from audit_entry where action = 'catalogue.activated' and subject = :subject", String.class)
                .setParameter("subject", "catalogue/" + after).getResultList());
        assertThat(audited).hasSize(1);
        assertThat(Fixtures.json(audited.get(0)).path("previousVersion").asText()).isEqualTo(before);
    }

    @Test
    void anOverrideStaysInForceWhenANewVersionChangesTheComputedDueTimeAndIsFlagged() throws IOException {
        freshVersion(24);
        UUID incident = incident();
        Map<String, Object> warning = obligation(incident, "NIS2_EARLY_WARNING");
        Instant awareAt = Instant.parse((String) warning.get("triggerAt"));
        Instant extended = awareAt.plus(30, ChronoUnit.HOURS);
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"dueAt\":\"" + extended + "\",\"reason\":\"CSIRT agreed to a later early warning\"}")
                .put("/api/obligations/" + warning.get("id") + "/override").then().statusCode(200);
        Files.writeString(REGIMES, catalogueWithEarlyWarningAfter("test-" + UUID.randomUUID(), 12));

        List<Map<String, Object>> changes = reload().then().statusCode(200).extract().jsonPath().getList("changes");

        Map<String, Object> after = obligation(incident, "NIS2_EARLY_WARNING");
        assertThat(Instant.parse((String) after.get("dueAt"))).isEqualTo(extended);
        assertThat(Instant.parse((String) ((Map<?, ?>) after.get("computed")).get("dueAt")))
                .isEqualTo(awareAt.plus(12, ChronoUnit.HOURS));
        assertThat(((Map<?, ?>) after.get("override")).get("computedChanged")).isEqualTo(true);
        assertThat(changes).filteredOn(c -> warning.get("id").equals(c.get("obligationId")))
                .singleElement().satisfies(c -> {
                    assertThat(c.get("change")).isEqualTo("OVERRIDE_FLAGGED");
                    assertThat(Instant.parse((String) c.get("dueAt"))).isEqualTo(extended);
                    assertThat(c.get("overridden")).isEqualTo(true);
                });
    }

    @Test
    void aBrokenCatalogueIsRefusedWithEveryErrorAndItsPathAndTheLastGoodOneStays() throws IOException {
        String good = freshVersion(24);
        String goodFile = Files.readString(REGIMES);
        ObjectNode broken = (ObjectNode) JSON.readTree(catalogueWithEarlyWarningAfter("test-" + UUID.randomUUID(), 24));
        ArrayNode regimes = (ArrayNode) broken.get("regimes");
        ((ObjectNode) regimes.get(0).get("period")).remove("unit");
        ((ObjectNode) regimes.get(1).get("conditions").get(0)).putArray("countries").add("XX");
        Files.writeString(REGIMES, JSON.writeValueAsString(broken));
        String first = regimes.get(0).get("id").asText();
        String second = regimes.get(1).get("id").asText();

        Response refused = reload();

        refused.then().statusCode(422).contentType("application/problem+json");
        List<Map<String, String>> errors = refused.jsonPath().getList("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("field")).isEqualTo(REGIMES + ": regimes[0] " + first);
            assertThat(e.get("message")).startsWith("period needs a unit");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.get("field")).isEqualTo(REGIMES + ": regimes[1] " + second + ": conditions[0]");
            assertThat(e.get("message")).contains("'XX' is not an ISO 3166-1 alpha-2 code");
        });
        assertThat(versionInForce()).isEqualTo(good);
        UUID incident = incident();
        assertThat(obligation(incident, "NIS2_EARLY_WARNING").get("catalogueVersion")).isEqualTo(good);
        Response health = Management.given().get("/q/health/well");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.jsonPath().getString("checks.find { it.name == 'regime-catalogue' }.status")).isEqualTo("DOWN");
        assertThat(health.jsonPath().getString("checks.find { it.name == 'regime-catalogue' }.data.version")).isEqualTo(good);
        assertThat(health.jsonPath().getInt("checks.find { it.name == 'regime-catalogue' }.data.errors")).isEqualTo(2);
        assertThat(Management.given().get("/q/health").jsonPath().getString("checks.find { it.name == 'regime-catalogue' }.status"))
                .isEqualTo("DOWN");
        Management.given().get("/q/health/ready").then().statusCode(200);
        Management.given().get("/q/health/live").then().statusCode(200);

        Files.writeString(REGIMES, goodFile);
        assertThat(reload().then().statusCode(200).extract().jsonPath().getString("outcome")).isEqualTo("UNCHANGED");
        Management.given().get("/q/health/well").then().statusCode(200);
    }

    @Test
    void changedContentUnderTheVersionInForceIsRefused() throws IOException {
        String version = freshVersion(24);
        Files.writeString(REGIMES, catalogueWithEarlyWarningAfter(version, 20));

        Response refused = reload();

        refused.then().statusCode(422);
        assertThat(refused.jsonPath().getString("errors[0].message")).contains("needs a new version");
        assertThat(versionInForce()).isEqualTo(version);
    }

    @Test
    void onlyAComplianceOfficerMayReload() {
        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).post("/api/regimes/reload").then().statusCode(403);
        given().post("/api/regimes/reload").then().statusCode(401);
    }
}
