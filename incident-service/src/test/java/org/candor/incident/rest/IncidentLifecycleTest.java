package org.candor.incident.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.UserTransaction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class IncidentLifecycleTest {

    @Inject
    EntityManager entityManager;

    @Inject
    UserTransaction transaction;

    @Test
    void phasesMoveForwardOneStepRecordingWhoAndWhen() {
        String id = declare();

        commander().body(Map.of("phase", "CONTAINED")).post("/api/incidents/" + id + "/transitions")
                .then().statusCode(200).body("fromPhase", equalTo("DETECTED")).body("toPhase", equalTo("CONTAINED"));
        commander().body(Map.of("phase", "ERADICATED")).post("/api/incidents/" + id + "/transitions")
                .then().statusCode(200);

        commander().get("/api/incidents/" + id + "/transitions").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[1].toPhase", equalTo("ERADICATED"))
                .body("[1].changedBy", equalTo("test-user"));
        commander().get("/api/incidents/" + id).then().body("phase", equalTo("ERADICATED"));
    }

    @Test
    void skippingAPhaseIsAConflictAndChangesNothing() {
        String id = declare();

        commander().body(Map.of("phase", "RECOVERED")).post("/api/incidents/" + id + "/transitions")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("phase"))
                .body("errors[0].message", equalTo("must be CONTAINED"));

        commander().get("/api/incidents/" + id).then().body("phase", equalTo("DETECTED"));
    }

    @Test
    void aClosedIncidentCannotMoveAnyMore() {
        String id = declare();
        for (String phase : List.of("CONTAINED", "ERADICATED", "RECOVERED", "CLOSED")) {
            commander().body(Map.of("phase", phase)).post("/api/incidents/" + id + "/transitions").then().statusCode(200);
        }

        commander().body(Map.of("phase", "DETECTED")).post("/api/incidents/" + id + "/transitions")
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("it is closed"));
    }

    @Test
    void aTransitionPublishesAPhaseChangedEvent() {
        String id = declare();

        commander().body(Map.of("phase", "CONTAINED")).post("/api/incidents/" + id + "/transitions").then().statusCode(200);

        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()) && IncidentPhaseChanged.TYPE.equals(new String(r.headers().lastHeader("ce_type").value())),
                Duration.ofSeconds(30));
        JsonPath data = new JsonPath(record.value());
        assertThat(data.getString("previousPhase")).isEqualTo("DETECTED");
        assertThat(data.getString("phase")).isEqualTo("CONTAINED");
        assertThat(data.getString("changedBy")).isEqualTo("test-user");
    }

    @Test
    void aCorrectionIsANewEntryReferencingTheOldOne() {
        String id = declare();
        String first = commander().body(Map.of("kind", "ISOLATION", "description", "Isolated web-01"))
                .post("/api/incidents/" + id + "/actions").then().statusCode(201).extract().path("id");

        commander().body(Map.of("kind", "ISOLATION", "description", "Isolated web-02, not web-01", "corrects", first))
                .post("/api/incidents/" + id + "/actions").then().statusCode(201);

        commander().get("/api/incidents/" + id + "/actions").then().statusCode(200)
                .body("$", hasSize(2))
                .body("[0].description", equalTo("Isolated web-01"))
                .body("[1].corrects", equalTo(first));
    }

    @Test
    void actionEntriesCannotBeEditedOrDeletedThroughTheApi() {
        String id = declare();
        String action = commander().body(Map.of("kind", "PATCHING", "description", "Patched CVE-2026-1234"))
                .post("/api/incidents/" + id + "/actions").then().statusCode(201).extract().path("id");

        commander().body(Map.of("kind", "PATCHING", "description", "changed"))
                .put("/api/incidents/" + id + "/actions/" + action).then().statusCode(404);
        commander().delete("/api/incidents/" + id + "/actions").then().statusCode(405)
                .contentType("application/problem+json");
    }

    @Test
    void theDatabaseRefusesToEditAnActionEntry() {
        String id = declare();
        String action = commander().body(Map.of("kind", "PATCHING", "description", "Patched the VPN"))
                .post("/api/incidents/" + id + "/actions").then().statusCode(201).extract().path("id");

        assertThatThrownBy(() -> {
            transaction.begin();
            try {
                entityManager.createNativeQuery("update response_action set description = 'rewritten' where id = cast(:id as uuid)")
                        .setParameter("id", action).executeUpdate();
            } finally {
                transaction.rollback();
            }
        }).hasStackTraceContaining("never edited or deleted");
    }

    @Test
    void correctingAnEntryOfAnotherIncidentIsRejected() {
        String id = declare();
        String other = declare();
        String foreign = commander().body(Map.of("kind", "OTHER", "description", "Elsewhere"))
                .post("/api/incidents/" + other + "/actions").then().statusCode(201).extract().path("id");

        commander().body(Map.of("kind", "OTHER", "description", "Correction", "corrects", foreign))
                .post("/api/incidents/" + id + "/actions").then().statusCode(400)
                .body("errors[0].field", equalTo("corrects"));
    }

    @Test
    void highLikelihoodAndHighImpactIsAHighRiskToIndividuals() {
        String id = declare();

        commander().body(Map.of("likelihood", "HIGH", "impact", "MEDIUM", "rationale", "Passwords were unsalted"))
                .post("/api/incidents/" + id + "/risk-assessments").then().statusCode(201)
                .body("riskLevel", equalTo("HIGH_RISK"))
                .body("highRiskToIndividuals", equalTo(true));

        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()) && RiskAssessed.TYPE.equals(new String(r.headers().lastHeader("ce_type").value())),
                Duration.ofSeconds(30));
        assertThat(new JsonPath(record.value()).getBoolean("highRiskToIndividuals")).isTrue();
    }

    @Test
    void lowLikelihoodAndLowImpactIsUnlikelyToResultInARisk() {
        String id = declare();

        commander().body(Map.of("likelihood", "LOW", "impact", "MEDIUM", "rationale", "Data was encrypted at rest"))
                .post("/api/incidents/" + id + "/risk-assessments").then().statusCode(201)
                .body("riskLevel", equalTo("NONE_OR_UNLIKELY"))
                .body("highRiskToIndividuals", equalTo(false));
    }

    @Test
    void anEditThatChangesNothingPublishesNothing() {
        Map<String, Object> body = declaration();
        String id = commander().body(body).post("/api/incidents").then().statusCode(201).extract().path("id");
        long before = detailsEvents(id);

        commander().body(body).put("/api/incidents/" + id + "/details").then().statusCode(200);

        assertThat(detailsEvents(id)).isEqualTo(before);
    }

    @Test
    void anEditThatChangesTheFactsPublishesThem() {
        Map<String, Object> body = declaration();
        String id = commander().body(body).post("/api/incidents").then().statusCode(201).extract().path("id");
        long before = detailsEvents(id);
        body.put("dataCategories", List.of("CONTACT", "CREDENTIALS", "PAYMENT_CARD"));

        commander().body(body).put("/api/incidents/" + id + "/details").then().statusCode(200)
                .body("dataCategories", hasSize(3));

        assertThat(detailsEvents(id)).isEqualTo(before + 1);
    }

    @Test
    void analystsReadButCannotWrite() {
        String id = declare();

        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).get("/api/incidents/" + id).then().statusCode(200);
        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).contentType(ContentType.JSON)
                .body(Map.of("phase", "CONTAINED")).post("/api/incidents/" + id + "/transitions").then().statusCode(403);
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).get("/api/incidents/" + id)
                .then().statusCode(403);
    }

    private long detailsEvents(String id) {
        return entityManager.createQuery(
                "select count(e) from OutboxEvent e where e.aggregateId = :id and e.type = 'candor.incident.details-changed.v1'",
                Long.class).setParameter("id", id).getSingleResult();
    }

    private static String declare() {
        return commander().body(declaration()).post("/api/incidents").then().statusCode(201).extract().path("id");
    }

    private static Map<String, Object> declaration() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", "Ransomware on the billing cluster");
        body.put("summaries", Map.of("en", "Billing servers were encrypted.", "de", "Abrechnungsserver wurden verschlüsselt."));
        body.put("severity", "CRITICAL");
        body.put("detectedAt", "2026-03-27T14:00:00+01:00");
        body.put("awareAt", "2026-03-27T16:30:00+01:00");
        body.put("dataCategories", List.of("CONTACT", "FINANCIAL"));
        body.put("affectedSystems", List.of("billing-db", "billing-api"));
        body.put("attackVector", "Phishing e-mail with a malicious attachment");
        body.put("experts", List.of(Map.of("kind", "FORENSICS", "name", "Example Forensics GmbH",
                "engagedAt", "2026-03-27T18:00:00+01:00")));
        return body;
    }

    private static RequestSpecification commander() {
        return given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType(ContentType.JSON);
    }
}
