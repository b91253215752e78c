package org.candor.incident.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.CloudEventHeaders;
import org.candor.contracts.Topics;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class IncidentResourceTest {

    private static final Map<String, Object> VALID = Map.of(
            "title", "Unauthorised access to customer portal",
            "summary", "Stolen credentials were used to read customer records.",
            "severity", "HIGH",
            "detectedAt", "2026-03-27T14:00:00+01:00",
            "awareAt", "2026-03-27T16:30:00+01:00");

    @Inject
    EntityManager entityManager;

    @Test
    void declaredIncidentIsStoredAndReadable() {
        String id = declare(VALID).then().statusCode(201)
                .body("phase", equalTo("DETECTED"))
                .body("awareAt", equalTo("2026-03-27T15:30:00Z"))
                .extract().path("id");

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/incidents/" + id)
                .then().statusCode(200)
                .body("title", equalTo("Unauthorised access to customer portal"))
                .body("severity", equalTo("HIGH"))
                .body("declaredBy", equalTo("test-user"));
    }

    @Test
    void declaringPublishesACloudEventKeyedByIncidentId() {
        String id = declare(VALID).then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.INCIDENT_EVENTS,
                r -> id.equals(r.key()), Duration.ofSeconds(30));

        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(IncidentDeclared.TYPE);
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/candor/incident-service");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(header(record, CloudEventHeaders.ID)).isNotBlank();
        JsonPath data = new JsonPath(record.value());
        assertThat(data.getString("incidentId")).isEqualTo(id);
        assertThat(data.getString("severity")).isEqualTo("HIGH");
    }

    @Test
    void missingTitleIsRejectedNamingTheFieldAndNothingIsStored() {
        long incidentsBefore = count("Incident");
        long eventsBefore = count("OutboxEvent");
        Map<String, Object> body = new java.util.HashMap<>(VALID);
        body.remove("title");

        declare(body).then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("title"));

        assertThat(count("Incident")).isEqualTo(incidentsBefore);
        assertThat(count("OutboxEvent")).isEqualTo(eventsBefore);
    }

    @Test
    void unknownSeverityIsRejectedNamingTheField() {
        Map<String, Object> body = new java.util.HashMap<>(VALID);
        body.put("severity", "APOCALYPTIC");

        declare(body).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("severity"));
    }

    @Test
    void timestampWithoutOffsetIsRejectedNamingTheField() {
        Map<String, Object> body = new java.util.HashMap<>(VALID);
        body.put("detectedAt", "yesterday");

        declare(body).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("detectedAt"));
    }

    @Test
    void awarenessBeforeDetectionIsRejected() {
        Map<String, Object> body = new java.util.HashMap<>(VALID);
        body.put("awareAt", "2026-03-27T12:00:00+01:00");

        declare(body).then().statusCode(400)
                .body("errors.field", hasItem("awareAt"));
    }

    @Test
    void malformedJsonIsRejected() {
        long incidentsBefore = count("Incident");

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .contentType(ContentType.JSON).body("{\"title\": \"broken\",")
                .post("/api/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"));

        assertThat(count("Incident")).isEqualTo(incidentsBefore);
    }

    @Test
    void requestWithoutTokenIsUnauthorized() {
        given().contentType(ContentType.JSON).body(VALID)
                .post("/api/incidents")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void expiredTokenIsUnauthorized() {
        given().auth().oauth2(CandorTestResource.jwt().expiredToken("someone", Roles.INCIDENT_COMMANDER))
                .contentType(ContentType.JSON).body(VALID)
                .post("/api/incidents")
                .then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void wrongRoleIsForbiddenAndNothingIsStored() {
        long incidentsBefore = count("Incident");

        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT))
                .contentType(ContentType.JSON).body(VALID)
                .post("/api/incidents")
                .then().statusCode(403)
                .contentType("application/problem+json");

        assertThat(count("Incident")).isEqualTo(incidentsBefore);
    }

    @Test
    void unknownRouteIsNotFoundAsProblem() {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void unknownIncidentIsNotFoundAsProblem() {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/incidents/7d7d3b5c-5a8e-4c59-9d0e-4c1b7f0f0c11")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    private static io.restassured.response.Response declare(Map<String, Object> body) {
        return given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .contentType(ContentType.JSON).body(body)
                .post("/api/incidents");
    }

    private long count(String entity) {
        return entityManager.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
