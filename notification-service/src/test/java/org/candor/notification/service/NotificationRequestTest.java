package org.candor.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.mailsTo;
import static org.candor.notification.support.Fixtures.part;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class NotificationRequestTest {

    @Inject
    EntityManager entityManager;

    private static final String DEAD_LETTERS = Topics.deadLetter("notification");

    @Test
    void dpoReminderFromComplianceServiceIsMailedOnceEvenWhenRequestedTwice() throws Exception {
        String dpo = uniqueId("dpo").toLowerCase() + "@org.example.org";
        String key = "compliance:" + UUID.randomUUID() + ":PT24H";
        NotificationRequested request = reminder(key, dpo);

        send(request);
        send(new NotificationRequested(UUID.randomUUID(), key, "compliance-service", request.messageType(), null,
                request.recipient(), request.parameters(), true, false));
        String later = uniqueId("later").toLowerCase() + "@org.example.org";
        send(reminder("compliance:" + UUID.randomUUID() + ":PT24H", later));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(later)).hasSize(1));
        assertThat(mailsTo(dpo)).hasSize(1);
        assertThat(mailsTo(dpo).get(0).getSubject()).isEqualTo("Reminder: GDPR_ART33 notification to BfDI due 2026-03-30T15:30+02:00");
        assertThat(part(mailsTo(dpo).get(0), "text/plain")).contains("GDPR Art. 33(1)");
    }

    @Test
    void unknownMessageTypeGoesToTheDeadLetterTopicWithTheReason() {
        String key = "feedback:" + UUID.randomUUID();
        NotificationRequested request = new NotificationRequested(UUID.randomUUID(), key, "feedback-service",
                "birthday-greeting", null, new NotificationRequested.Recipient(null, "a@example.org", null, "en"),
                Map.of(), false, false);

        send(request);

        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(DEAD_LETTERS,
                r -> request.aggregateId().equals(r.key()), WAIT);
        assertThat(header(dead, "dead-letter-reason")).contains("messageType 'birthday-greeting' has no template");
        // The dead letter refers to the request; the address stays in the source topic only.
        assertThat(dead.value()).doesNotContain("a@example.org").contains(Topics.NOTIFICATION_REQUESTS);
    }

    @Test
    void requestWithoutIdempotencyKeyGoesToTheDeadLetterTopic() {
        UUID requestId = UUID.randomUUID();
        String json = "{\"requestId\":\"" + requestId + "\",\"requestedBy\":\"support-service\",\"messageType\":\"support-reply\","
                + "\"recipient\":{\"email\":\"b@example.org\",\"locale\":\"en\"},\"parameters\":{},\"mandatory\":false,"
                + "\"urgent\":false}";

        TestEvents.sendCloudEvent(Topics.NOTIFICATION_REQUESTS, null, requestId.toString(), UUID.randomUUID(),
                NotificationRequested.TYPE, json);

        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(DEAD_LETTERS,
                r -> requestId.toString().equals(r.key()), WAIT);
        assertThat(header(dead, "dead-letter-reason")).contains("idempotencyKey");
    }

    @Test
    void invalidAddressAndLocaleAreBothNamedInTheDeadLetterReason() {
        String key = "support:" + UUID.randomUUID();
        NotificationRequested request = new NotificationRequested(UUID.randomUUID(), key, "support-service",
                "support-reply", null, new NotificationRequested.Recipient(null, "not-an-address", null, "??"), Map.of(),
                false, false);
        send(request);

        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(DEAD_LETTERS,
                r -> request.aggregateId().equals(r.key()), WAIT);
        assertThat(header(dead, "dead-letter-reason")).contains("recipient.email is not an email address")
                .contains("recipient.locale");
    }

    @Test
    void httpRequestWithAnInvalidNumberIs400NamingTheField() {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .contentType("application/json")
                .body("{\"idempotencyKey\":\"http:1\",\"requestedBy\":\"ops\",\"messageType\":\"support-verification-code\","
                        + "\"recipient\":{\"phone\":\"0151-123\",\"locale\":\"de\"},\"parameters\":{\"code\":\"1\"},"
                        + "\"mandatory\":true,\"urgent\":true}")
                .post("/api/notifications")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("recipient.phone"));
    }

    @Test
    void httpRequestIsAcceptedAndARepeatIsRecognised() {
        String to = uniqueId("ops").toLowerCase() + "@org.example.org";
        String body = Fixtures.json(new NotificationRequested(UUID.randomUUID(), "http:" + UUID.randomUUID(), "ops",
                "support-sla-escalation", null, new NotificationRequested.Recipient(null, to, null, "en"),
                Map.of("ticketId", "T-1", "queue", "q", "priority", "HIGH", "target", "RESOLUTION", "state", "breached",
                        "dueAt", "2026-03-28T10:00:00Z"), true, false));

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json").body(body)
                .post("/api/notifications").then().statusCode(202);
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json").body(body)
                .post("/api/notifications").then().statusCode(200).body("duplicate", equalTo(true));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(to)).hasSize(1));
    }

    @Test
    void theRequesterIsTheTokensSubjectWhateverTheBodySays() {
        String to = uniqueId("ops").toLowerCase() + "@org.example.org";
        String body = Fixtures.json(new NotificationRequested(UUID.randomUUID(), "http:" + UUID.randomUUID(), "someone-else",
                "support-sla-escalation", null, new NotificationRequested.Recipient(null, to, null, "en"),
                Map.of("ticketId", "T-2", "queue", "q", "priority", "HIGH", "target", "RESOLUTION", "state", "breached",
                        "dueAt", "2026-03-28T10:00:00Z"), false, false));

        String messageId = given().auth().oauth2(CandorTestResource.jwt().token("supervisor-4", Duration.ofMinutes(5),
                Roles.SUPPORT_SUPERVISOR)).contentType("application/json").body(body)
                .post("/api/notifications").then().statusCode(202).extract().path("messageId");

        Object requestedBy = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select requested_by from message where id = :id")
                .setParameter("id", UUID.fromString(messageId)).getSingleResult());
        assertThat(requestedBy).isEqualTo("supervisor-4");
    }

    @Test
    void aSupportSupervisorCannotSendAMandatoryMessage() {
        String to = uniqueId("ops").toLowerCase() + "@org.example.org";
        String body = Fixtures.json(new NotificationRequested(UUID.randomUUID(), "http:" + UUID.randomUUID(), "ops",
                "support-sla-escalation", null, new NotificationRequested.Recipient(null, to, null, "en"),
                Map.of("ticketId", "T-3", "queue", "q", "priority", "HIGH", "target", "RESOLUTION", "state", "breached",
                        "dueAt", "2026-03-28T10:00:00Z"), true, false));

        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_SUPERVISOR)).contentType("application/json").body(body)
                .post("/api/notifications").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(CandorTestResource.token(Roles.COMPLIANCE_OFFICER)).contentType("application/json").body(body)
                .post("/api/notifications").then().statusCode(202);
    }

    @Test
    void httpRequestWithAHugeRequestedByIs400NamingTheField() {
        String body = httpRequest("http:" + UUID.randomUUID(), "x".repeat(100_000));

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json").body(body)
                .post("/api/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("requestedBy"));
    }

    @Test
    void httpRequestWithANulCharacterIs400NamingTheField() {
        String body = httpRequest("http:" + UUID.randomUUID(), "ops\\u0000");

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json").body(body)
                .post("/api/notifications").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("requestedBy"))
                .body("errors[0].message", equalTo("must not contain the NUL character (U+0000)"));
    }

    @Test
    void httpRequestWithSomethingAfterTheJsonIsRefusedAndNotActedOn() {
        String body = httpRequest("http:" + UUID.randomUUID(), "ops");

        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json")
                .body(body + "}").post("/api/notifications").then().statusCode(400)
                .contentType("application/problem+json").body("detail", equalTo("The body has more after its JSON value"));
        // The same request without the stray brace is new, not a repeat: the refused one left nothing behind.
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType("application/json")
                .body(body).post("/api/notifications").then().statusCode(202);
    }

    @Test
    void deliveriesFilteredByAnUnknownStatusAre400NamingTheAllowedValues() {
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER))
                .get("/api/messages/" + UUID.randomUUID() + "/deliveries?status=PENDING")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].message", equalTo(
                        "is not a valid value (one of QUEUED, IN_FLIGHT, SENT, DELIVERED, FAILED, BOUNCED, PAUSED, CANCELLED)"));
    }

    private static String httpRequest(String key, String requestedBy) {
        return "{\"idempotencyKey\":\"" + key + "\",\"requestedBy\":\"" + requestedBy + "\","
                + "\"messageType\":\"support-sla-escalation\",\"recipient\":{\"email\":\"ops@org.example.org\","
                + "\"locale\":\"en\"},\"parameters\":{\"ticketId\":\"T-1\",\"queue\":\"q\",\"priority\":\"HIGH\","
                + "\"target\":\"RESOLUTION\",\"state\":\"breached\",\"dueAt\":\"2026-03-28T10:00:00Z\"},"
                + "\"mandatory\":true,\"urgent\":false}";
    }

    private static NotificationRequested reminder(String key, String to) {
        return new NotificationRequested(UUID.randomUUID(), key, "compliance-service", "compliance-deadline-reminder",
                UUID.randomUUID(), new NotificationRequested.Recipient(null, to, null, "en"),
                Map.of("obligationId", "8c1e", "regime", "GDPR_ART33", "recipient", "BfDI", "dueAt", "2026-03-30T13:30:00Z",
                        "dueAtLocal", "2026-03-30T15:30+02:00", "timezone", "Europe/Berlin", "reminder", "PT24H",
                        "citation", "GDPR Art. 33(1)", "organisation", "Candor Demo GmbH"),
                true, false);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
