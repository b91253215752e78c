package org.candor.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.openTicket;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.contracts.Topics;
import org.candor.contracts.support.TicketOpened;
import org.candor.support.TestData;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Management;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * An outbox row Kafka refuses (here: larger than a record may be) is set aside after its attempts,
 * with the reason, visible to staff, in the gauge and in the {@code outbox} health group; the events
 * of other aggregates go out meanwhile, and later events of its own aggregate wait behind it.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@TestProfile(OutboxPoisonTest.ThreeAttempts.class)
class OutboxPoisonTest {

    /** Its own application and database, so the rows it sets aside stay out of other tests' way. */
    public static class ThreeAttempts implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.outbox.max-attempts", "3");
        }
    }

    private static final Duration SET_ASIDE = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;

    @Test
    void aTooLargeEventIsSetAsideWithItsReasonAndLaterEventsOfOtherAggregatesGoOut() {
        String poisonKey = UUID.randomUUID().toString();
        UUID poison = insertTicketEvent(poisonKey, tooLargePayload());

        String ticketId = openTicket("general");

        TestKafka.awaitRecord(Topics.SUPPORT_TICKETS, record -> ticketId.equals(record.key()), SET_ASIDE);
        await().atMost(SET_ASIDE).until(() -> setAsideAt(poison) != null);
        JsonPath listed = new JsonPath(supervisor().get("/api/operations/outbox/set-aside").then().statusCode(200)
                .extract().asString());
        Map<String, Object> row = listed.<Map<String, Object>>getList("").stream()
                .filter(item -> poison.toString().equals(item.get("id"))).findFirst().orElseThrow();
        assertThat(row).containsEntry("aggregateId", poisonKey).containsEntry("type", TicketOpened.TYPE)
                .containsEntry("attempts", 3);
        assertThat((String) row.get("reason")).contains("larger than candor.outbox.max-record-size");
        assertThat(row).doesNotContainKey("payload");
        assertThat(TestKafka.readAll(Topics.SUPPORT_TICKETS)).noneMatch(record -> poisonKey.equals(record.key()));
    }

    @Test
    void aLaterEventOfTheSameAggregateWaitsBehindTheSetAsideOne() {
        String key = UUID.randomUUID().toString();
        UUID poison = insertTicketEvent(key, tooLargePayload());
        UUID later = insertTicketEvent(key, "{\"ticketId\":\"" + key + "\"}");
        String otherTicket = openTicket("general");

        await().atMost(SET_ASIDE).until(() -> setAsideAt(poison) != null);
        TestKafka.awaitRecord(Topics.SUPPORT_TICKETS, record -> otherTicket.equals(record.key()), SET_ASIDE);

        assertThat(publishedAt(later)).isNull();
        assertThat(TestKafka.readAll(Topics.SUPPORT_TICKETS)).noneMatch(record -> key.equals(record.key()));
        supervisor().get("/api/operations/outbox/set-aside/" + poison).then().statusCode(200)
                .body("waitingBehind", equalTo(1));
    }

    @Test
    void theOutboxHealthGroupAndGaugeReportSetAsideEvents() {
        UUID poison = insertTicketEvent(UUID.randomUUID().toString(), tooLargePayload());

        await().atMost(SET_ASIDE).until(() -> setAsideAt(poison) != null);

        Management.given().get("/q/health/group/outbox").then().statusCode(503).body("status", equalTo("DOWN"));
        Management.given().get("/q/health/ready").then().statusCode(200);
        await().atMost(Duration.ofSeconds(40)).until(() -> setAsideGauge() >= 1);
    }

    @Test
    void retryingAnUnknownOutboxEventIsNotFound() {
        supervisor().post("/api/operations/outbox/set-aside/" + UUID.randomUUID() + "/retry").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void theSetAsideListNeedsTheSupervisorRole() {
        TestData.agent().get("/api/operations/outbox/set-aside").then().statusCode(403);
    }

    private UUID insertTicketEvent(String aggregateId, String payload) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("insert into outbox_event"
                + " (id, aggregate_type, aggregate_id, type, occurred_at, payload) values (:id, 'ticket', :aggregate,"
                + " :type, :at, cast(:payload as jsonb))")
                .setParameter("id", id).setParameter("aggregate", aggregateId).setParameter("type", TicketOpened.TYPE)
                .setParameter("at", Instant.now()).setParameter("payload", payload).executeUpdate());
        return id;
    }

    private Object setAsideAt(UUID id) {
        return column("set_aside_at", id);
    }

    private Object publishedAt(UUID id) {
        return column("published_at", id);
    }

    private Object column(String column, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = entityManager.createNativeQuery("select " + column + " from outbox_event where id = :id")
                    .setParameter("id", id).getResultList();
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    private static double setAsideGauge() {
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("candor_outbox_set_aside ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim())).orElse(-1.0);
    }

    // A ticket event padded past what a Kafka record may hold (1 MB by default).
    private static String tooLargePayload() {
        return "{\"ticketId\":\"" + UUID.randomUUID() + "\",\"padding\":\"" + "x".repeat(1_200_000) + "\"}";
    }
}
