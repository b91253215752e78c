package org.candor.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class IncidentEventsConsumerTest {

    private static final String DEAD_LETTERS = Topics.deadLetter("notification");
    private static final int PARTITION = 0;

    @Test
    void declaredIncidentIsRecordedAndVisible() {
        UUID incidentId = UUID.randomUUID();

        sendDeclared(UUID.randomUUID(), incidentId, "Portal breach");

        awaitTitle(incidentId, "Portal breach");
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/incidents/" + incidentId)
                .then().statusCode(200).body("severity", equalTo("HIGH"));
    }

    @Test
    void redeliveredEventIsAppliedOnce() {
        UUID eventId = UUID.randomUUID();
        UUID incidentId = UUID.randomUUID();
        UUID laterIncidentId = UUID.randomUUID();

        sendDeclared(eventId, incidentId, "First delivery");
        // The same ce_id again, with different data: the inbox must skip it.
        sendDeclared(eventId, incidentId, "Second delivery");
        // A later event on the same partition proves the duplicate was consumed before it.
        sendDeclared(UUID.randomUUID(), laterIncidentId, "Later incident");

        awaitTitle(laterIncidentId, "Later incident");
        assertThat(title(incidentId)).isEqualTo("First delivery");
    }

    @Test
    void recordThatIsNoCloudEventGoesToDeadLetterTopicAndThePartitionMovesOn() {
        String poisonKey = "poison-" + UUID.randomUUID();
        UUID incidentId = UUID.randomUUID();

        TestEvents.sendRaw(Topics.INCIDENT_EVENTS, PARTITION, poisonKey, "this is not an event");
        sendDeclared(UUID.randomUUID(), incidentId, "After the poison");

        awaitTitle(incidentId, "After the poison");
        ConsumerRecord<String, String> deadLetter = TestKafka.awaitRecord(DEAD_LETTERS,
                record -> poisonKey.equals(record.key()), Duration.ofSeconds(30));
        assertThat(deadLetter.value()).isEqualTo("this is not an event");
        assertThat(header(deadLetter, "dead-letter-reason")).contains("Not a CloudEvents 1.0 event");
    }

    @Test
    void unknownEventTypeGoesToDeadLetterTopic() {
        String key = UUID.randomUUID().toString();

        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, PARTITION, key, UUID.randomUUID(),
                "candor.incident.teleported.v1", "{}");

        ConsumerRecord<String, String> deadLetter = TestKafka.awaitRecord(DEAD_LETTERS,
                record -> key.equals(record.key()), Duration.ofSeconds(30));
        assertThat(header(deadLetter, "dead-letter-reason")).contains("Unknown event type candor.incident.teleported.v1");
    }

    @Test
    void dataBreakingTheSchemaGoesToDeadLetterTopicNamingTheField() {
        UUID incidentId = UUID.randomUUID();
        String withoutSeverity = declaredJson(incidentId, "No severity").replace("\"severity\":\"HIGH\",", "");

        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, PARTITION, incidentId.toString(), UUID.randomUUID(),
                IncidentDeclared.TYPE, withoutSeverity);

        ConsumerRecord<String, String> deadLetter = TestKafka.awaitRecord(DEAD_LETTERS,
                record -> incidentId.toString().equals(record.key()), Duration.ofSeconds(30));
        assertThat(header(deadLetter, "dead-letter-reason")).contains("severity");
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/incidents/" + incidentId)
                .then().statusCode(404);
    }

    private static void sendDeclared(UUID eventId, UUID incidentId, String title) {
        TestEvents.sendCloudEvent(Topics.INCIDENT_EVENTS, PARTITION, incidentId.toString(), eventId,
                IncidentDeclared.TYPE, declaredJson(incidentId, title));
    }

    private static String declaredJson(UUID incidentId, String title) {
        return "{\"incidentId\":\"" + incidentId + "\",\"title\":\"" + title + "\",\"summary\":\"Credentials leaked\","
                + "\"severity\":\"HIGH\",\"detectedAt\":\"2026-03-27T14:00:00Z\",\"awareAt\":\"2026-03-27T15:30:00Z\","
                + "\"declaredAt\":\"2026-03-27T15:45:00Z\"}";
    }

    private static void awaitTitle(UUID incidentId, String expected) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(title(incidentId)).isEqualTo(expected));
    }

    private static String title(UUID incidentId) {
        var response = given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/incidents/" + incidentId);
        return response.statusCode() == 200 ? response.path("title") : null;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
