package org.candor.notification.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.address;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
import static org.candor.notification.support.Fixtures.mailsTo;
import static org.candor.notification.support.Fixtures.part;
import static org.candor.notification.support.Fixtures.phone;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.smsAccepted;
import static org.candor.notification.support.Fixtures.smsTo;
import static org.candor.notification.support.Fixtures.uniqueId;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.contracts.Topics;
import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.Message;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * The commander in control of a big send: an update to more people than the approval threshold (2 here)
 * waits for a second incident commander; before it goes, its audience per channel and locale, a preview of
 * the exact messages and a test send to named staff.
 */
@QuarkusTest
@TestProfile(CommanderControlTest.SmallThreshold.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class CommanderControlTest {

    public static class SmallThreshold implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.notification.approval-threshold", "2");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTHOR = "commander-author";
    private static final String SECOND = "commander-second";

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @Test
    void aSendToMoreThanTheThresholdWaitsUntilASecondCommanderApprovesIt() {
        List<String> people = List.of(uniqueId("BIG"), uniqueId("BIG"), uniqueId("BIG"));
        UUID message = awaitingMessage(people, true, false);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> people.forEach(id -> assertThat(mailsTo(address(id))).isEmpty()));
        as(AUTHOR).get("/api/messages/" + message).then().statusCode(200).body("state", equalTo("AWAITING_APPROVAL"))
                .body("audienceSize", equalTo(3)).body("approvalRequired", equalTo(true)).body("requestedBy", equalTo(AUTHOR))
                .body("total", equalTo(0));

        as(SECOND).post("/api/messages/" + message + "/approve").then().statusCode(200)
                .body("approvedBy", equalTo(SECOND)).body("approvedAt", notNullValue()).body("requestedBy", equalTo(AUTHOR))
                .body("state", equalTo("SENDING"));

        await().atMost(WAIT).untilAsserted(() -> people.forEach(id -> assertThat(mailsTo(address(id))).hasSize(1)));
    }

    @Test
    void theWaitAndTheApprovalArePublishedWithTheirCommandersForTheIncidentsResponseLog() throws Exception {
        UUID message = awaitingMessage(List.of(uniqueId("LOG"), uniqueId("LOG"), uniqueId("LOG")), true, false);

        as(SECOND).post("/api/messages/" + message + "/approve").then().statusCode(200);

        List<JsonNode> decisions = new java.util.ArrayList<>();
        for (var record : TestKafka.awaitRecords(Topics.NOTIFICATION_EVENTS, r -> r.value().contains(message.toString())
                && r.value().contains("\"action\""), 2, WAIT)) {
            decisions.add(JSON.readTree(record.value()));
        }
        assertThat(decisions).extracting(d -> d.path("action").asText()).containsExactly("AWAITING_APPROVAL", "APPROVED");
        assertThat(decisions).extracting(d -> d.path("actor").asText()).containsExactly(AUTHOR, SECOND);
        assertThat(decisions).allSatisfy(d -> {
            assertThat(d.path("requestedBy").asText()).isEqualTo(AUTHOR);
            assertThat(d.path("audienceSize").asLong()).isEqualTo(3);
            assertThat(d.path("incidentId").asText()).isNotBlank();
        });
    }

    @Test
    void theAuthorCannotApproveTheirOwnSend() {
        UUID message = awaitingMessage(List.of(uniqueId("OWN"), uniqueId("OWN"), uniqueId("OWN")), true, false);

        as(AUTHOR).post("/api/messages/" + message + "/approve").then().statusCode(403)
                .contentType("application/problem+json");

        as(SECOND).get("/api/messages/" + message).then().body("state", equalTo("AWAITING_APPROVAL"))
                .body("approvedBy", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void approvingASendThatDoesNotWaitIsAConflict() {
        String id = uniqueId("SMALL");
        UUID message = awaitingMessage(List.of(id), true, false);
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(id))).hasSize(1));

        as(SECOND).post("/api/messages/" + message + "/approve").then().statusCode(409)
                .contentType("application/problem+json");
        as(SECOND).post("/api/messages/" + UUID.randomUUID() + "/approve").then().statusCode(404);
        given().auth().oauth2(CandorTestResource.token(Roles.COMPLIANCE_OFFICER)).post("/api/messages/" + message + "/approve")
                .then().statusCode(403);
    }

    @Test
    void anApprovedSendCannotBeApprovedAgain() {
        List<String> people = List.of(uniqueId("TWICE"), uniqueId("TWICE"), uniqueId("TWICE"));
        UUID message = awaitingMessage(people, true, false);
        as(SECOND).post("/api/messages/" + message + "/approve").then().statusCode(200);

        as("commander-third").post("/api/messages/" + message + "/approve").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString(SECOND));
    }

    @Test
    void theAudienceIsCountedPerChannelAndLocaleBeforeAnythingIsSent() throws Exception {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String german = uniqueId("AUD-DE");
        String english = uniqueId("AUD-EN");
        String textOnly = uniqueId("AUD-SMS");
        affect(incident, customer(german, "de", "DE", true, true));
        affect(incident, customer(english, "en-GB", "GB", true, false));
        affect(incident, customer(textOnly, "en-GB", "GB", false, true));
        List.of(german, english, textOnly).forEach(CommanderControlTest::awaitRecipient);
        UUID message = publish(incident, UUID.randomUUID(), 1);

        JsonNode audience = JSON.readTree(as(AUTHOR).get("/api/messages/" + message + "/audience").then().statusCode(200)
                .extract().asString());

        assertThat(audience.path("people").asLong()).isEqualTo(3);
        assertThat(audience.path("counts")).extracting(c -> c.path("channel").asText() + "/" + c.path("locale").asText()
                + "/" + c.path("language").asText() + "=" + c.path("people").asLong())
                .containsExactly("EMAIL/de/de=1", "EMAIL/en-GB/en=1", "SMS/de/de=1", "SMS/en-GB/en=1");
    }

    @Test
    void thePreviewIsTheMessagePeopleThenReceive() throws Exception {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        String german = uniqueId("PRE-DE");
        List<String> others = List.of(uniqueId("PRE-EN"), uniqueId("PRE-EN"));
        affect(incident, customer(german, "de", "DE", true, true));
        others.forEach(id -> affect(incident, customer(id, "en", "GB", true, false)));
        awaitRecipient(german);
        others.forEach(CommanderControlTest::awaitRecipient);
        UUID message = publish(incident, UUID.randomUUID(), 1);

        JsonNode preview = JSON.readTree(as(AUTHOR).get("/api/messages/" + message + "/preview").then().statusCode(200)
                .extract().asString());
        assertThat(preview.path("messages")).extracting(m -> m.path("channel").asText() + "/" + m.path("language").asText()
                + "=" + m.path("people").asLong()).containsExactly("EMAIL/de=1", "EMAIL/en=2", "SMS/de=1");
        JsonNode germanEmail = preview.path("messages").get(0);
        JsonNode germanSms = preview.path("messages").get(2);
        assertThat(germanSms.path("sms").path("segments").asInt()).isEqualTo(1);
        as(SECOND).post("/api/messages/" + message + "/approve").then().statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(german))).hasSize(1);
            assertThat(smsAccepted(phone(german))).hasSize(1);
        });
        var received = mailsTo(address(german)).get(0);
        assertThat(received.getSubject()).isEqualTo(germanEmail.path("subject").asText());
        String receivedText = part(received, "text/plain");
        germanEmail.path("text").asText().lines().filter(line -> !line.contains("://"))
                .map(line -> line.replace("Alex Muster", "Kim " + german))
                .forEach(line -> assertThat(receivedText).contains(line));
        assertThat(withoutLinks(smsTo(phone(german)).get(0).formParameter("Body").firstValue()))
                .isEqualTo(withoutLinks(germanSms.path("sms").path("text").asText()));
    }

    @Test
    void aTestSendGoesToNamedStaffAndNeverCountsAsADeliveryToCustomers() throws Exception {
        List<String> people = List.of(uniqueId("TEST"), uniqueId("TEST"), uniqueId("TEST"));
        UUID message = awaitingMessage(people, true, true);
        String staffMail = uniqueId("staff").toLowerCase() + "@staff.example.org";
        String staffPhone = phone(uniqueId("staff"));

        String testMessage = as(AUTHOR).contentType("application/json")
                .body(Fixtures.json(Map.of("emails", List.of(staffMail), "phones", List.of(staffPhone), "locale", "de")))
                .post("/api/messages/" + message + "/test-send").then().statusCode(202)
                .body("messageId", equalTo(message.toString())).body("deliveries.channel", hasItem("SMS"))
                .extract().path("testMessageId");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(staffMail)).hasSize(1);
            assertThat(smsAccepted(staffPhone)).hasSize(1);
        });
        assertThat(mailsTo(staffMail).get(0).getSubject()).startsWith("Neues zum Sicherheitsvorfall");
        people.forEach(id -> {
            assertThat(mailsTo(address(id))).isEmpty();
            assertThat(smsTo(phone(id))).isEmpty();
        });
        as(AUTHOR).get("/api/messages/" + message).then().body("state", equalTo("AWAITING_APPROVAL")).body("total", equalTo(0));
        as(AUTHOR).get("/api/messages/" + testMessage).then().body("testOf", equalTo(message.toString()));
        List<String> testDeliveries = Fixtures.inTx(() -> Delivery.<Delivery>find("messageId", UUID.fromString(testMessage))
                .list().stream().map(d -> d.id.toString()).toList());
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Delivery.<Delivery>find("messageId", UUID.fromString(testMessage))
                .list().stream().allMatch(d -> d.status == org.candor.notification.domain.DeliveryStatus.SENT)));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                TestKafka.readAll(Topics.NOTIFICATION_EVENTS)).noneMatch(r -> testDeliveries.stream()
                        .anyMatch(id -> r.value().contains(id))));
    }

    @Test
    void aTestSendWithABadAddressNamesTheFieldAndSendsNothing() {
        UUID message = awaitingMessage(List.of(uniqueId("BAD"), uniqueId("BAD"), uniqueId("BAD")), true, false);

        as(AUTHOR).contentType("application/json")
                .body("{\"emails\":[\"ops@staff.example.org\",\"not an address\"],\"phones\":[\"0151 123\"],\"locale\":\"de\"}")
                .post("/api/messages/" + message + "/test-send").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("emails[1]", "phones[0]"));
        as(AUTHOR).contentType("application/json").body("{\"emails\":[],\"locale\":\"de\"}")
                .post("/api/messages/" + message + "/test-send").then().statusCode(400)
                .body("errors[0].field", equalTo("emails"));

        assertThat(Fixtures.inTx(() -> Message.count("testOf", message))).isZero();
        assertThat(mailsTo("ops@staff.example.org")).isEmpty();
    }

    @Test
    void aCustomerLinkedWhileACorrectionAwaitsApprovalGetsTheCorrectedWordingOnceItIsApproved() throws Exception {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        List<String> people = List.of(uniqueId("FIRST"), uniqueId("FIRST"), uniqueId("FIRST"));
        UUID correction = correctionAwaitingApproval(incident, people);

        String late = uniqueId("LATE");
        affect(incident, customer(late, "en", "GB", true, false));
        awaitRecipient(late);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(mailsTo(address(late))).isEmpty());

        as(SECOND).post("/api/messages/" + correction + "/approve").then().statusCode(200);

        await().atMost(WAIT).untilAsserted(() -> {
            people.forEach(id -> assertThat(mailsTo(address(id))).hasSize(2));
            assertThat(mailsTo(address(late))).hasSize(1);
        });
        assertThat(part(mailsTo(address(late)).get(0), "text/plain")).contains("Correction");
        await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .untilAsserted(() -> assertThat(mailsTo(address(late))).hasSize(1));
    }

    @Test
    void aCustomerListedForACorrectionThatIsCancelledGetsNothingOfIt() {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        List<String> people = List.of(uniqueId("KEPT"), uniqueId("KEPT"), uniqueId("KEPT"));
        UUID correction = correctionAwaitingApproval(incident, people);
        String late = uniqueId("LATE");
        affect(incident, customer(late, "en", "GB", true, false));
        await().atMost(WAIT).until(() -> additions(correction) == 1);

        as(AUTHOR).post("/api/messages/" + correction + "/cancel").then().statusCode(200);

        assertThat(additions(correction)).isZero();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(mailsTo(address(late))).isEmpty();
            people.forEach(id -> assertThat(mailsTo(address(id))).hasSize(1));
        });
    }

    /**
     * An update approved and received by {@code people} (more than the threshold), then its correction, which waits for
     * approval too; returns the correction's message.
     */
    private static UUID correctionAwaitingApproval(UUID incident, List<String> people) {
        people.forEach(id -> affect(incident, customer(id, "en", "GB", true, false)));
        people.forEach(CommanderControlTest::awaitRecipient);
        UUID update = UUID.randomUUID();
        UUID original = publish(incident, update, 1);
        as(SECOND).post("/api/messages/" + original + "/approve").then().statusCode(200);
        await().atMost(WAIT).untilAsserted(() -> people.forEach(id -> assertThat(mailsTo(address(id))).hasSize(1)));
        return publish(incident, update, 2);
    }

    private static long additions(UUID message) {
        return Fixtures.inTx(() -> ((Number) io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("select count(*) from fan_out_addition where message_id = :id")
                .setParameter("id", message).getSingleResult()).longValue());
    }

    /** A routine update to {@code people} (email, and SMS too if {@code phones}) by {@link #AUTHOR}; its message. */
    private UUID awaitingMessage(List<String> people, boolean emails, boolean phones) {
        UUID incident = Fixtures.incident(false, DataCategory.CONTACT);
        people.forEach(id -> affect(incident, customer(id, "en", "GB", emails, phones)));
        people.forEach(CommanderControlTest::awaitRecipient);
        return publish(incident, UUID.randomUUID(), 1);
    }

    private static UUID publish(UUID incident, UUID updateId, int revision) {
        send(new StatusUpdatePublished(incident, updateId, revision, "IDENTIFIED", "AFFECTED", revision == 1
                ? Map.of("en", "We reset every password and closed the gap.",
                        "de", "Wir haben alle Passwörter zurückgesetzt und die Lücke geschlossen.")
                : Map.of("en", "Correction: we reset every password on Tuesday, not Monday.",
                        "de", "Korrektur: Wir haben alle Passwörter am Dienstag zurückgesetzt, nicht am Montag."),
                true, Instant.now(), null, false, AUTHOR));
        return await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Message.<Message>find("updateId = ?1 and revision = ?2",
                updateId, revision).firstResultOptional().map(m -> m.id).orElse(null)), java.util.Objects::nonNull);
    }

    private static String withoutLinks(String text) {
        return text.replaceAll("https?://\\S+", "<link>");
    }

    private static RequestSpecification as(String commander) {
        return given().auth().oauth2(CandorTestResource.jwt().token(commander, Duration.ofMinutes(30),
                Roles.INCIDENT_COMMANDER));
    }

    private static void awaitRecipient(String id) {
        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.findById(id)) != null);
    }
}
