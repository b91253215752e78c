package org.candor.support.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.support.TestData;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The service's dead letters through the platform's staff API: listed without personal data, shown,
 * and replayed into the service's own consumer, which applies the event once through its inbox.
 * Dead letters of the affected-customer topic carry a reference to their record, not its contact details.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@TestProfile(DeadLetterReplayTest.QuickGiveUp.class)
class DeadLetterReplayTest {

    /** A transient failure becomes a dead letter after two seconds instead of a day. */
    public static class QuickGiveUp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.consumer.retry.give-up-after", "PT2S", "candor.consumer.retry.initial-backoff", "100ms");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EMAIL = "erika.replay@example.org";
    private static final String PHONE = "+4915100000042";

    @Inject
    EntityManager entityManager;

    @Test
    void aDeadLetterOfTheAffectedCustomerTopicCarriesAReferenceNotTheContactDetails() {
        String customer = "C-" + UUID.randomUUID();
        sendBrokenAffectedCustomer(customer);

        ConsumerRecord<String, String> deadLetter = TestKafka.awaitRecord(Topics.deadLetter("support"),
                record -> customer.equals(record.key()), WAIT);

        assertThat(deadLetter.value()).doesNotContain(EMAIL).doesNotContain(PHONE).doesNotContain("Mustermann")
                .startsWith("{\"reference\":\"" + Topics.AFFECTED_CUSTOMERS + "-");
        String stored = new JsonPath(supervisor().get("/api/operations/dead-letters/" + awaitListed(customer))
                .then().statusCode(200).extract().asString()).prettify();
        assertThat(stored).doesNotContain(EMAIL).doesNotContain(PHONE).doesNotContain("Mustermann");
    }

    @Test
    void theListingShowsTypeReasonTimeAndKeyButNoPersonalData() {
        String customer = "C-" + UUID.randomUUID();
        sendBrokenAffectedCustomer(customer);
        awaitListed(customer);

        String listing = supervisor().queryParam("type", AffectedCustomerAdded.TYPE).get("/api/operations/dead-letters")
                .then().statusCode(200).extract().asString();
        Map<String, Object> item = new JsonPath(listing).<Map<String, Object>>getList("").stream()
                .filter(row -> customer.equals(row.get("key"))).findFirst().orElseThrow();

        assertThat(item).containsOnlyKeys("id", "type", "reason", "deadLetteredAt", "key", "replayedAt");
        assertThat(item).containsEntry("type", AffectedCustomerAdded.TYPE);
        assertThat((String) item.get("reason")).contains("schema");
        assertThat(listing).doesNotContain(EMAIL).doesNotContain(PHONE);
    }

    @Test
    void aReplayedDeadLetterIsAppliedOnceThroughTheInbox() {
        UUID incident = TestData.declareIncident(Instant.now());
        String customer = "C-" + UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        refuseInsertsOf(customer);
        try {
            TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, null, customer, eventId, AffectedCustomerAdded.TYPE,
                    affectedJson(incident, customer, "de"));
            String id = awaitListed(customer);
            assertThat(affectedRows(customer)).isZero();
            allowInserts();

            supervisor().post("/api/operations/dead-letters/" + id + "/replay").then().statusCode(200)
                    .body("id", equalTo(id));

            assertThat(affectedRows(customer)).isEqualTo(1);
            assertThat(inboxRows(eventId)).isEqualTo(1);
            supervisor().get("/api/operations/dead-letters/" + id).then().statusCode(200)
                    .body("replayedAt", org.hamcrest.Matchers.notNullValue());
        } finally {
            allowInserts();
        }
    }

    @Test
    void aDeadLetterReplayedAlreadyIsAConflict() {
        UUID incident = TestData.declareIncident(Instant.now());
        String customer = "C-" + UUID.randomUUID();
        refuseInsertsOf(customer);
        String id;
        try {
            TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, null, customer, UUID.randomUUID(),
                    AffectedCustomerAdded.TYPE, affectedJson(incident, customer, "de"));
            id = awaitListed(customer);
        } finally {
            allowInserts();
        }
        supervisor().post("/api/operations/dead-letters/" + id + "/replay").then().statusCode(200);

        supervisor().post("/api/operations/dead-letters/" + id + "/replay").then().statusCode(409)
                .contentType("application/problem+json");
        supervisor().body(Map.of("ids", List.of(id))).post("/api/operations/dead-letters/replay").then().statusCode(409)
                .body("errors.field", hasItem("ids[0]"));
        assertThat(affectedRows(customer)).isEqualTo(1);
    }

    @Test
    void replayingAllOfATypeReportsThoseRefusedAgainAndLeavesThemForLater() {
        String key = "C-" + UUID.randomUUID();
        TestEvents.sendCloudEvent(Topics.FEEDBACK_EVENTS, null, key, UUID.randomUUID(), FollowUpRequested.TYPE,
                "{\"followUpId\":\"" + UUID.randomUUID() + "\"}");
        String id = awaitListed(key);

        JsonPath report = new JsonPath(supervisor().body(Map.of("type", FollowUpRequested.TYPE))
                .post("/api/operations/dead-letters/replay").then().statusCode(200).extract().asString());

        // The follow-up still breaks its schema: the replay reports it as refused again and leaves it to replay later.
        assertThat(report.getList("failed.id")).contains(id);
        assertThat(report.getList("failed.status", Integer.class)).containsOnly(422);
        supervisor().get("/api/operations/dead-letters/" + id).then().statusCode(200).body("replayedAt", equalTo(null));
    }

    @Test
    void replayOfAnUnknownDeadLetterIsNotFound() {
        supervisor().post("/api/operations/dead-letters/" + UUID.randomUUID() + "/replay").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aSelectionOfUnknownIdsIsNotFoundNamingThem() {
        supervisor().body(Map.of("ids", List.of(UUID.randomUUID().toString())))
                .post("/api/operations/dead-letters/replay").then().statusCode(404)
                .contentType("application/problem+json").body("errors.field", hasItem("ids[0]"));
    }

    @Test
    void aSelectionWithBothIdsAndATypeIsRefusedNamingIds() {
        supervisor().body(Map.of("ids", List.of(UUID.randomUUID().toString()), "type", AffectedCustomerAdded.TYPE))
                .post("/api/operations/dead-letters/replay").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("ids"));
    }

    @Test
    void aSelectionWithAMalformedIdIsRefusedNamingIt() {
        supervisor().body(Map.of("ids", List.of("not-a-uuid"))).post("/api/operations/dead-letters/replay").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("ids[0]"));
    }

    @Test
    void aTimeRangeEndingBeforeItStartsIsRefusedNamingTo() {
        supervisor().body(Map.of("from", "2026-05-02T00:00:00Z", "to", "2026-05-01T00:00:00Z"))
                .post("/api/operations/dead-letters/replay").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("to"));
    }

    @Test
    void anEmptySelectionIsRefused() {
        supervisor().body(Map.of()).post("/api/operations/dead-letters/replay").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("ids"));
    }

    @Test
    void aListingWithAnUnreadableTimeIsRefusedNamingTheParameter() {
        supervisor().queryParam("from", "yesterday").get("/api/operations/dead-letters").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
    }

    @Test
    void deadLettersNeedTheSupervisorRole() {
        TestData.agent().get("/api/operations/dead-letters").then().statusCode(403);
    }

    private String awaitListed(String key) {
        return await().atMost(WAIT).until(() -> new JsonPath(supervisor().queryParam("limit", 500)
                .get("/api/operations/dead-letters").then().statusCode(200).extract().asString())
                .<Map<String, Object>>getList("").stream().filter(row -> key.equals(row.get("key")))
                .map(row -> (String) row.get("id")).findFirst().orElse(null), java.util.Objects::nonNull);
    }

    // A customer without a locale breaks the schema; the contact details are there to be kept out of the dead letter.
    private static void sendBrokenAffectedCustomer(String customer) {
        TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, null, customer, UUID.randomUUID(), AffectedCustomerAdded.TYPE,
                "{\"incidentId\":\"" + UUID.randomUUID() + "\",\"customer\":{\"customerId\":\"" + customer
                        + "\",\"name\":\"Erika Mustermann\",\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\"},"
                        + "\"occurredAt\":\"" + Instant.now() + "\"}");
    }

    private static String affectedJson(UUID incident, String customer, String locale) {
        return "{\"incidentId\":\"" + incident + "\",\"customer\":{\"customerId\":\"" + customer
                + "\",\"name\":\"Erika Mustermann\",\"email\":\"" + EMAIL + "\",\"phone\":\"" + PHONE + "\","
                + "\"locale\":\"" + locale + "\",\"country\":\"DE\",\"region\":null,\"segment\":\"retail\"},"
                + "\"occurredAt\":\"" + Instant.now() + "\"}";
    }

    // The database refuses this customer's row with a serialization failure: a transient failure, retried until
    // the consumer gives up and dead-letters the event.
    private void refuseInsertsOf(String customer) {
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("create or replace function refuse_affected_customer() returns trigger"
                    + " language plpgsql as $$ begin if new.customer_id = '" + customer + "' then raise exception"
                    + " 'busy' using errcode = 'serialization_failure'; end if; return new; end $$").executeUpdate();
            entityManager.createNativeQuery("create or replace trigger refuse_affected_customer before insert on"
                    + " affected_customer for each row execute function refuse_affected_customer()").executeUpdate();
        });
    }

    private void allowInserts() {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("drop trigger if exists refuse_affected_customer on affected_customer").executeUpdate());
    }

    private long affectedRows(String customer) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from affected_customer where customer_id = :customer")
                .setParameter("customer", customer).getSingleResult()).longValue());
    }

    private long inboxRows(UUID eventId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from inbox_event where event_id = :id").setParameter("id", eventId)
                .getSingleResult()).longValue());
    }
}
