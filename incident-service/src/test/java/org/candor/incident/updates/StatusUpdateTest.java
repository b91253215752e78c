package org.candor.incident.updates;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.contracts.incident.StatusUpdateOverdue;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class StatusUpdateTest {

    @Inject
    EntityManager entityManager;

    @Test
    void publishingAnUpdateEmitsItAsRevisionOne() {
        String incident = declare();

        commander().body(update("INVESTIGATING", true)).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(201).body("revision", equalTo(1)).body("notifyPeople", equalTo(true));

        assertThat(events(incident, StatusUpdatePublished.TYPE)).isEqualTo(1);
    }

    @Test
    void anEditThatChangesNothingNotifiesNobody() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        String updateId = commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(201).extract().path("id");

        commander().body(body).put("/api/incidents/" + incident + "/updates/" + updateId)
                .then().statusCode(200).body("revision", equalTo(1));

        assertThat(events(incident, StatusUpdatePublished.TYPE)).isEqualTo(1);
    }

    @Test
    void anEditThatChangesTheMessageIsTheNextRevision() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        String updateId = commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(201).extract().path("id");
        body.put("messages", Map.of("en", "We have identified the cause.", "de", "Wir kennen die Ursache."));
        body.put("status", "IDENTIFIED");

        commander().body(body).put("/api/incidents/" + incident + "/updates/" + updateId)
                .then().statusCode(200).body("revision", equalTo(2)).body("status", equalTo("IDENTIFIED"));

        assertThat(events(incident, StatusUpdatePublished.TYPE)).isEqualTo(2);
    }

    @Test
    void aMissedPromisedUpdateIsAnnouncedAsOverdueOnce() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", false);
        body.put("nextUpdateDueAt", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(2).toString());
        commander().body(body).post("/api/incidents/" + incident + "/updates").then().statusCode(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> events(incident, StatusUpdateOverdue.TYPE) == 1);
        // Several more checks run; the same due time is never announced twice.
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(events(incident, StatusUpdateOverdue.TYPE)).isEqualTo(1);
    }

    @Test
    void anUpdateWithoutMessagesIsRejected() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        body.put("messages", Map.of());

        commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(400).body("errors.field", hasItem("messages"));
    }

    @Test
    void aPromiseInThePastIsRejected() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        body.put("nextUpdateDueAt", "2020-01-01T00:00:00Z");

        commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(400).body("errors.field", hasItem("nextUpdateDueAt"));
    }

    @Test
    void anUpdateMarkedUrgentIsPublishedAsUrgent() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        body.put("urgent", true);

        commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(201).body("urgent", equalTo(true));

        assertThat(payloads(incident, StatusUpdatePublished.TYPE)).singleElement()
                .satisfies(payload -> assertThat(payload.path("urgent").asBoolean()).isTrue());
    }

    @Test
    void anUpdateIsNotUrgentUnlessTheCommanderSaysSo() {
        String incident = declare();

        commander().body(update("INVESTIGATING", true)).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(201).body("urgent", equalTo(false));

        assertThat(payloads(incident, StatusUpdatePublished.TYPE)).singleElement()
                .satisfies(payload -> assertThat(payload.path("urgent").isBoolean() && !payload.path("urgent").asBoolean())
                        .isTrue());
    }

    @Test
    void anUrgentThatIsNotABooleanIsRejectedNamingTheField() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        body.put("urgent", "yes");

        commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("urgent"));

        assertThat(events(incident, StatusUpdatePublished.TYPE)).isZero();
    }

    @Test
    void anUrgentGivenAsANumberIsRejectedNamingTheField() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        body.put("urgent", 1);

        commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("urgent"));

        assertThat(events(incident, StatusUpdatePublished.TYPE)).isZero();
    }

    @Test
    void makingAnUpdateUrgentIsItsNextRevision() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        String updateId = commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(201).extract().path("id");
        body.put("urgent", true);

        commander().body(body).put("/api/incidents/" + incident + "/updates/" + updateId)
                .then().statusCode(200).body("revision", equalTo(2)).body("urgent", equalTo(true));

        assertThat(payloads(incident, StatusUpdatePublished.TYPE)).extracting(payload -> payload.path("urgent").asBoolean())
                .containsExactlyInAnyOrder(false, true);
    }

    @Test
    void eachRevisionNamesTheCommanderWhoWroteIt() {
        String incident = declare();
        Map<String, Object> body = update("INVESTIGATING", true);
        String updateId = commander().body(body).post("/api/incidents/" + incident + "/updates")
                .then().statusCode(201).extract().path("id");
        body.put("status", "IDENTIFIED");

        given().auth().oauth2(CandorTestResource.jwt().token("second-commander", java.time.Duration.ofMinutes(30),
                Roles.INCIDENT_COMMANDER)).contentType(ContentType.JSON).body(body)
                .put("/api/incidents/" + incident + "/updates/" + updateId).then().statusCode(200);

        assertThat(payloads(incident, StatusUpdatePublished.TYPE))
                .extracting(payload -> payload.path("revision").asInt() + ":" + payload.path("publishedBy").asText())
                .containsExactlyInAnyOrder("1:test-user", "2:second-commander");
    }

    private java.util.List<com.fasterxml.jackson.databind.JsonNode> payloads(String incident, String type) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            java.util.List<String> rows = entityManager.createNativeQuery("select cast(payload as text) from outbox_event"
                    + " where aggregate_id = :id and type = :type").setParameter("id", incident).setParameter("type", type)
                    .getResultList();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.List<com.fasterxml.jackson.databind.JsonNode> nodes = new java.util.ArrayList<>();
            for (String row : rows) {
                nodes.add(json.readTree(row));
            }
            return nodes;
        });
    }

    private long events(String incident, String type) {
        // Awaitility polls from its own thread: give each count its own transaction.
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createQuery(
                "select count(e) from OutboxEvent e where e.aggregateId = :id and e.type = :type", Long.class)
                .setParameter("id", incident).setParameter("type", type).getSingleResult());
    }

    private static Map<String, Object> update(String status, boolean notify) {
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("audience", "PUBLIC");
        body.put("messages", Map.of("en", "We are investigating unusual access.", "de", "Wir untersuchen ungewöhnliche Zugriffe."));
        body.put("notifyPeople", notify);
        return body;
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
