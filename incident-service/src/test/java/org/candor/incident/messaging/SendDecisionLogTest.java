package org.candor.incident.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationSendControlled;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * A big send's author and its approver, and who paused or cancelled it, are in the incident's response log with the
 * time of each decision, as notification-service's events tell them; the topic's delivery outcomes leave no entry.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class SendDecisionLogTest {

    @Test
    void theAuthorAndTheApproverOfABigSendAreInTheResponseLogWithTheirTimes() {
        String incident = declare();
        UUID message = UUID.randomUUID();
        UUID update = UUID.randomUUID();
        Instant published = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);
        Instant approved = published.plusSeconds(300);

        decided(message, incident, update, NotificationSendControlled.AWAITING_APPROVAL, "commander-anna", published,
                published.plusSeconds(1));
        decided(message, incident, update, NotificationSendControlled.APPROVED, "commander-ben", published, approved);

        List<Map<String, Object>> entries = await().atMost(Duration.ofSeconds(30))
                .until(() -> communication(incident), list -> list.size() == 2);
        Map<String, Object> approval = entries.stream().filter(entry -> "commander-ben".equals(entry.get("actor")))
                .findFirst().orElseThrow();
        assertThat(approval.get("occurredAt")).isEqualTo(approved.toString());
        assertThat((String) approval.get("description")).contains("update " + update).contains("250,000 people")
                .contains("written by commander-anna and published at " + published)
                .contains("approved by commander-ben at " + approved);
        Map<String, Object> waiting = entries.stream().filter(entry -> "commander-anna".equals(entry.get("actor")))
                .findFirst().orElseThrow();
        assertThat((String) waiting.get("description")).contains("waits for a second incident commander's approval");
    }

    @Test
    void aCancelledSendIsLoggedOnceWithWhoCancelledItAndDeliveryOutcomesAreNot() {
        String incident = declare();
        UUID message = UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        Instant cancelled = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String cancel = payload(message, incident, UUID.randomUUID(), "CANCELLED", "commander-carl",
                cancelled.minusSeconds(60), cancelled);

        TestEvents.sendCloudEvent(Topics.NOTIFICATION_EVENTS, null, message.toString(), eventId,
                NotificationSendControlled.TYPE, cancel);
        TestEvents.sendCloudEvent(Topics.NOTIFICATION_EVENTS, null, message.toString(), eventId,
                NotificationSendControlled.TYPE, cancel);
        TestEvents.sendCloudEvent(Topics.NOTIFICATION_EVENTS, null, message.toString(), UUID.randomUUID(),
                "candor.notification.completed.v1", "{\"messageId\":\"" + message + "\",\"incidentId\":\"" + incident
                        + "\",\"messageType\":\"status-update\",\"audience\":\"AFFECTED\",\"total\":1,\"sent\":1,"
                        + "\"delivered\":0,\"failed\":0,\"bounced\":0,\"recipients\":1,\"reached\":1,\"startedAt\":\""
                        + cancelled + "\",\"completedAt\":\"" + cancelled + "\"}");
        // A later decision on the same partition: once it is logged, the three events before it were consumed.
        decided(message, incident, UUID.randomUUID(), "RESUMED", "commander-witness", cancelled, cancelled.plusSeconds(1));

        List<Map<String, Object>> entries = await().atMost(Duration.ofSeconds(30))
                .until(() -> communication(incident), list -> list.stream()
                        .anyMatch(entry -> "commander-witness".equals(entry.get("actor"))));
        assertThat(entries).hasSize(2);
        assertThat(entries).filteredOn(entry -> "commander-carl".equals(entry.get("actor"))).singleElement()
                .satisfies(entry -> assertThat((String) entry.get("description")).contains("was cancelled by commander-carl"));
    }

    private static void decided(UUID message, String incident, UUID update, String action, String actor, Instant published,
            Instant at) {
        TestEvents.sendCloudEvent(Topics.NOTIFICATION_EVENTS, null, message.toString(), UUID.randomUUID(),
                NotificationSendControlled.TYPE, payload(message, incident, update, action, actor, published, at));
    }

    private static String payload(UUID message, String incident, UUID update, String action, String actor,
            Instant published, Instant at) {
        return "{\"messageId\":\"" + message + "\",\"incidentId\":\"" + incident + "\",\"updateId\":\"" + update
                + "\",\"revision\":1,\"messageType\":\"breach-notice\",\"audience\":\"AFFECTED\",\"audienceSize\":250000,"
                + "\"action\":\"" + action + "\",\"actor\":\"" + actor + "\",\"requestedBy\":\"commander-anna\","
                + "\"requestedAt\":\"" + published + "\",\"at\":\"" + at + "\"}";
    }

    private static List<Map<String, Object>> communication(String incident) {
        JsonPath log = given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/incidents/" + incident + "/actions").then().statusCode(200).extract().jsonPath();
        return log.<Map<String, Object>>getList("$").stream().filter(entry -> "COMMUNICATION".equals(entry.get("kind")))
                .toList();
    }

    private static String declare() {
        return given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType(ContentType.JSON)
                .body(Map.of("title", "Big send " + UUID.randomUUID(), "summaries", Map.of("en", "Records were copied."),
                        "severity", "HIGH", "detectedAt", "2026-03-27T14:00:00+01:00", "awareAt", "2026-03-27T16:30:00+01:00"))
                .post("/api/incidents").then().statusCode(201).extract().path("id");
    }
}
