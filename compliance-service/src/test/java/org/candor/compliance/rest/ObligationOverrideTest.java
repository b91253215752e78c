package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;
import static org.candor.compliance.Fixtures.officer;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class ObligationOverrideTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    private UUID incident() {
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        awaitObligation(incident, "NIS2_FINAL_REPORT");
        return incident;
    }

    private static String officerNamed(String subject) {
        return CandorTestResource.jwt().token(subject, Duration.ofMinutes(30), Roles.COMPLIANCE_OFFICER);
    }

    /** The audit entries about {@code subject}, oldest first: actor, action and details. */
    private List<Object[]> audit(String subject) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select actor, action, details from audit_entry where subject = :subject order by seq", Object[].class)
                .setParameter("subject", subject).getResultList());
    }

    private Object[] lastAudit(String subject, String action) {
        List<Object[]> entries = audit(subject).stream().filter(e -> action.equals(e[1])).toList();
        assertThat(entries).as("audit entries " + action + " of " + subject).isNotEmpty();
        return entries.get(entries.size() - 1);
    }

    private static String override(String obligation, Instant dueAt, String reason, String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"dueAt\":\"" + dueAt + "\",\"reason\":\"" + reason + "\",\"overrideBy\":\"mallory\"}")
                .put("/api/obligations/" + obligation + "/override").then().statusCode(200).extract().asString();
    }

    @Test
    void laterDueTimeKeepsTheComputedOneBesideItAndAuditsTheSubjectAndReason() {
        UUID incident = incident();
        Map<String, Object> before = obligation(incident, "NIS2_NOTIFICATION");
        String id = (String) before.get("id");
        Instant computed = Instant.parse((String) before.get("dueAt"));
        Instant extended = computed.plus(2, ChronoUnit.DAYS);

        override(id, extended, "BSI granted an extension by phone, ref. 4711", officerNamed("officer-7"));

        Map<String, Object> after = obligation(incident, "NIS2_NOTIFICATION");
        assertThat(Instant.parse((String) after.get("dueAt"))).isEqualTo(extended);
        assertThat(Instant.parse((String) ((Map<?, ?>) after.get("computed")).get("dueAt"))).isEqualTo(computed);
        Map<?, ?> override = (Map<?, ?>) after.get("override");
        assertThat(override.get("by")).isEqualTo("officer-7");
        assertThat(override.get("reason")).isEqualTo("BSI granted an extension by phone, ref. 4711");
        assertThat(override.get("computedChanged")).isEqualTo(false);
        Object[] entry = lastAudit("obligation/" + id, "obligation.overridden");
        assertThat(entry[0]).isEqualTo("officer-7");
        JsonNode details = Fixtures.json((String) entry[2]);
        assertThat(details.path("reason").asText()).isEqualTo("BSI granted an extension by phone, ref. 4711");
        assertThat(details.path("direction").asText()).isEqualTo("LATER");
        assertThat(Instant.parse(details.path("previousDueAt").asText())).isEqualTo(computed);
        assertThat(Instant.parse(details.path("computedDueAt").asText())).isEqualTo(computed);
    }

    @Test
    void earlierDueTimeIsAuditedAsEarlier() {
        UUID incident = incident();
        Map<String, Object> before = obligation(incident, "NIS2_NOTIFICATION");
        String id = (String) before.get("id");
        Instant earlier = Instant.parse((String) before.get("dueAt")).minus(12, ChronoUnit.HOURS);

        override(id, earlier, "Counsel reads awareness as the first alert", officer());

        assertThat(Instant.parse((String) obligation(incident, "NIS2_NOTIFICATION").get("dueAt"))).isEqualTo(earlier);
        assertThat(Fixtures.json((String) lastAudit("obligation/" + id, "obligation.overridden")[2])
                .path("direction").asText()).isEqualTo("EARLIER");
    }

    @Test
    void overrideWithoutReasonIsRejectedNamingTheFieldAndChangesNothing() {
        UUID incident = incident();
        Map<String, Object> before = obligation(incident, "NIS2_NOTIFICATION");
        String id = (String) before.get("id");

        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"dueAt\":\"" + Instant.parse((String) before.get("dueAt")).plus(1, ChronoUnit.DAYS) + "\"}")
                .put("/api/obligations/" + id + "/override").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("reason"));

        Map<String, Object> after = obligation(incident, "NIS2_NOTIFICATION");
        assertThat(after.get("dueAt")).isEqualTo(before.get("dueAt"));
        assertThat(after.get("override")).isNull();
        assertThat(audit("obligation/" + id)).extracting(e -> e[1]).doesNotContain("obligation.overridden");
    }

    @Test
    void overrideOfAFiledObligationIsAConflict() {
        UUID incident = incident();
        String id = (String) obligation(incident, "NIS2_EARLY_WARNING").get("id");
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"channel\":\"BSI portal\","
                        + "\"reference\":\"BSI-9\",\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + id + "/filings").then().statusCode(201);

        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"dueAt\":\"" + Instant.now().plus(3, ChronoUnit.DAYS) + "\",\"reason\":\"extension\"}")
                .put("/api/obligations/" + id + "/override").then().statusCode(409)
                .contentType("application/problem+json");
        assertThat(obligation(incident, "NIS2_EARLY_WARNING").get("override")).isNull();
    }

    @Test
    void recalculationKeepsTheOverrideAndFlagsTheNewComputedDueTime() {
        UUID incident = incident();
        String finalReport = (String) obligation(incident, "NIS2_FINAL_REPORT").get("id");
        Instant chosen = Instant.now().plus(20, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        override(finalReport, chosen, "Agreed with BSI in the kick-off call", officer());
        String notification = (String) obligation(incident, "NIS2_NOTIFICATION").get("id");
        Instant submitted = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        // The notification's submission starts the final report's month: its computed due time moves.
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + submitted + "\",\"channel\":\"BSI portal\",\"reference\":\"BSI-10\","
                        + "\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + notification + "/filings").then().statusCode(201);

        Map<String, Object> after = obligation(incident, "NIS2_FINAL_REPORT");
        assertThat(Instant.parse((String) after.get("dueAt"))).isEqualTo(chosen);
        assertThat(after.get("trigger")).isEqualTo("REPORT_SUBMITTED:NIS2_NOTIFICATION");
        Instant newComputed = Instant.parse((String) ((Map<?, ?>) after.get("computed")).get("dueAt"));
        assertThat(newComputed).isEqualTo(submitted.atZone(java.time.ZoneId.of("Europe/Berlin")).plusMonths(1).toInstant());
        assertThat(((Map<?, ?>) after.get("override")).get("computedChanged")).isEqualTo(true);
        JsonNode recalculated = Fixtures.json((String) lastAudit("obligation/" + finalReport, "obligation.recalculated")[2]);
        assertThat(recalculated.path("computedChangedSinceOverride").asBoolean()).isTrue();
        assertThat(Instant.parse(recalculated.path("dueAt").asText())).isEqualTo(chosen);
        assertThat(Instant.parse(recalculated.path("computedDueAt").asText())).isEqualTo(newComputed);
    }

    @Test
    void withdrawnOverridePutsTheComputedDueTimeBack() {
        UUID incident = incident();
        Map<String, Object> before = obligation(incident, "NIS2_NOTIFICATION");
        String id = (String) before.get("id");
        override(id, Instant.parse((String) before.get("dueAt")).plus(1, ChronoUnit.DAYS), "extension", officer());

        given().auth().oauth2(officerNamed("officer-8")).contentType(ContentType.JSON)
                .body("{\"reason\":\"The extension was not confirmed in writing\"}")
                .post("/api/obligations/" + id + "/override/withdrawal").then().statusCode(200)
                .body("dueAt", equalTo(before.get("dueAt")));

        assertThat(obligation(incident, "NIS2_NOTIFICATION").get("override")).isNull();
        Object[] entry = lastAudit("obligation/" + id, "obligation.override-withdrawn");
        assertThat(entry[0]).isEqualTo("officer-8");
        assertThat(Fixtures.json((String) entry[2]).path("reason").asText())
                .isEqualTo("The extension was not confirmed in writing");
    }

    @Test
    void manualObligationIsAddedWithRecipientDueTimeAndCitationAndSurvivesRecalculation() {
        UUID incident = incident();
        Instant due = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        String id = given().auth().oauth2(officerNamed("officer-9")).contentType(ContentType.JSON)
                .body("{\"recipient\":\"Illinois Attorney General\",\"dueAt\":\"" + due + "\",\"citation\":"
                        + "\"815 ILCS 530/10(e)\",\"reason\":\"More than 500 Illinois residents; not in the catalogue\"}")
                .post("/api/incidents/" + incident + "/obligations").then().statusCode(201)
                .body("regime", equalTo("MANUAL")).body("manual", equalTo(true)).body("status", equalTo("OPEN"))
                .body("override.by", equalTo("officer-9")).extract().path("id");

        // New facts recompute the computed obligations; the manual one stays as it was.
        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"type\":\"DETERMINATION\",\"at\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\"}")
                .post("/api/incidents/" + incident + "/triggers").then().statusCode(200);

        Map<String, Object> manual = obligation(incident, "MANUAL");
        assertThat(manual.get("id")).isEqualTo(id);
        assertThat(Instant.parse((String) manual.get("dueAt"))).isEqualTo(due);
        assertThat(manual.get("status")).isEqualTo("OPEN");
        assertThat(manual.get("recipient")).isEqualTo("Illinois Attorney General");
        assertThat(manual.get("citation")).isEqualTo("815 ILCS 530/10(e)");
        Object[] entry = lastAudit("obligation/" + id, "obligation.added");
        assertThat(entry[0]).isEqualTo("officer-9");
        assertThat(Fixtures.json((String) entry[2]).path("reason").asText())
                .isEqualTo("More than 500 Illinois residents; not in the catalogue");
    }

    @Test
    void manualObligationWithoutItsFieldsIsRejectedNamingEachOne() {
        UUID incident = incident();
        int before = Fixtures.obligations(incident).size();

        given().auth().oauth2(officer()).contentType(ContentType.JSON).body("{\"dueAt\":\"2026-12-24T12:00\"}")
                .post("/api/incidents/" + incident + "/obligations").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("recipient", "dueAt", "citation", "reason"));
        assertThat(Fixtures.obligations(incident)).hasSize(before);
    }

    @Test
    void notApplicableNeedsAJustificationAndIsAuditedWithTheSubject() {
        UUID incident = incident();
        String id = (String) obligation(incident, "NIS2_FINAL_REPORT").get("id");
        given().auth().oauth2(officer()).contentType(ContentType.JSON).body("{}")
                .post("/api/obligations/" + id + "/not-required").then().statusCode(400)
                .body("errors.field", contains("justification"));

        given().auth().oauth2(officerNamed("officer-10")).contentType(ContentType.JSON)
                .body("{\"justification\":\"BSI confirmed the incident is not significant\"}")
                .post("/api/obligations/" + id + "/not-required").then().statusCode(200)
                .body("status", equalTo("NOT_REQUIRED"));

        Object[] entry = lastAudit("obligation/" + id, "obligation.not-required");
        assertThat(entry[0]).isEqualTo("officer-10");
        assertThat(Fixtures.json((String) entry[2]).path("justification").asText())
                .isEqualTo("BSI confirmed the incident is not significant");
    }
}
