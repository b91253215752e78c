package org.candor.compliance.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.obligation;
import static org.candor.compliance.Fixtures.officer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.compliance.Fixtures;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * GDPR Art. 34 (telling the people themselves) is due "without undue delay": no due time, so it is reminded
 * every 12 hours from awareness and escalated to the configured second contact (counsel@example.org in the
 * tests) after 48 hours, each slot once however many replicas run at the same instant.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class UndatedReminderTest {

    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String COUNSEL = "counsel@example.org";

    @Inject
    ReminderService reminders;

    @Inject
    EntityManager entityManager;

    @BeforeEach
    void profile() {
        Fixtures.profile();
    }

    /** An incident with high risk to people in Germany; returns its Art. 34 obligation and the awareness time. */
    private Map.Entry<UUID, Instant> art34() {
        UUID incident = UUID.randomUUID();
        Instant aware = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Fixtures.declare(incident, aware);
        Fixtures.population(incident, Map.of("DE", 40L));
        Fixtures.riskAssessed(incident, true);
        awaitObligation(incident, "GDPR_ART34");
        Map<String, Object> obligation = obligation(incident, "GDPR_ART34");
        assertThat(obligation.get("asap")).isEqualTo(true);
        assertThat(obligation.get("dueAt")).isNull();
        return Map.entry(UUID.fromString((String) obligation.get("id")), aware);
    }

    /** The notification requests written for the obligation, oldest first. */
    private List<JsonNode> requests(UUID obligation) {
        List<String> payloads = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select payload::text from outbox_event where type = :type and payload::text like :id order by seq",
                String.class).setParameter("type", NotificationRequested.TYPE).setParameter("id", "%" + obligation + "%")
                .getResultList());
        return payloads.stream().map(Fixtures::json).toList();
    }

    private void twoReplicas(Instant now) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier start = new CyclicBarrier(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return reminders.dispatch(now);
                }));
            }
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> emails(List<JsonNode> requests) {
        return requests.stream().map(r -> r.path("recipient").path("email").asText()).toList();
    }

    @Test
    void undatedDutyIsRemindedAtEachTwelveHourSlotOnceWithTwoReplicas() throws Exception {
        var art34 = art34();
        UUID obligation = art34.getKey();
        Instant aware = art34.getValue();

        twoReplicas(aware.plus(Duration.ofMinutes(90)));
        reminders.dispatch(aware.plus(Duration.ofHours(11)));
        assertThat(requests(obligation)).hasSize(2);
        twoReplicas(aware.plus(Duration.ofHours(12)).plusSeconds(30));
        reminders.dispatch(aware.plus(Duration.ofHours(23)));

        List<JsonNode> sent = requests(obligation);
        assertThat(sent).hasSize(4);
        assertThat(emails(sent)).containsExactly(Fixtures.DPO_EMAIL, Fixtures.OFFICER_EMAIL, Fixtures.DPO_EMAIL,
                Fixtures.OFFICER_EMAIL);
        assertThat(sent).extracting(r -> r.path("messageType").asText()).containsOnly(ReminderService.REMINDER);
        assertThat(sent).extracting(r -> r.path("idempotencyKey").asText()).doesNotHaveDuplicates()
                .allMatch(key -> key.contains(":UNDATED:"));
        assertThat(sent.get(0).path("parameters").path("dueAtLocal").asText()).startsWith("unverzüglich");
        assertThat(sent).extracting(r -> r.path("urgent").asBoolean()).containsOnly(false);
    }

    @Test
    void undatedDutyIsEscalatedToTheSecondContactAfter48HoursAndKeptRemindingThem() throws Exception {
        var art34 = art34();
        UUID obligation = art34.getKey();
        Instant aware = art34.getValue();

        twoReplicas(aware.plus(Duration.ofHours(48)).plusSeconds(10));
        List<JsonNode> escalation = requests(obligation);
        assertThat(escalation).extracting(r -> r.path("messageType").asText()).containsOnly(ReminderService.ESCALATION);
        assertThat(emails(escalation)).containsExactlyInAnyOrder(Fixtures.DPO_EMAIL, Fixtures.OFFICER_EMAIL, COUNSEL);
        assertThat(escalation).extracting(r -> r.path("urgent").asBoolean()).containsOnly(true);

        twoReplicas(aware.plus(Duration.ofHours(60)).plusSeconds(10));
        List<JsonNode> after = requests(obligation).subList(3, requests(obligation).size());
        assertThat(after).extracting(r -> r.path("messageType").asText()).containsOnly(ReminderService.REMINDER);
        assertThat(emails(after)).containsExactlyInAnyOrder(Fixtures.DPO_EMAIL, Fixtures.OFFICER_EMAIL, COUNSEL);
    }

    @Test
    void filedUndatedDutyIsNoLongerReminded() throws Exception {
        var art34 = art34();
        UUID obligation = art34.getKey();
        Instant aware = art34.getValue();
        reminders.dispatch(aware.plus(Duration.ofMinutes(61)));
        assertThat(requests(obligation)).hasSize(2);

        given().auth().oauth2(officer()).contentType(ContentType.JSON)
                .body("{\"submittedAt\":\"" + Instant.now().minus(1, ChronoUnit.MINUTES) + "\",\"channel\":\"email\","
                        + "\"reference\":\"mailing-1\",\"documentSha256\":\"" + SHA + "\"}")
                .post("/api/obligations/" + obligation + "/filings").then().statusCode(201);
        twoReplicas(aware.plus(Duration.ofHours(12)).plusSeconds(30));
        twoReplicas(aware.plus(Duration.ofHours(49)));

        assertThat(requests(obligation)).hasSize(2);
    }

    @Test
    void eachReminderSentIsAnAuditEntryWithoutAddresses() throws Exception {
        var art34 = art34();
        UUID obligation = art34.getKey();
        twoReplicas(art34.getValue().plus(Duration.ofMinutes(62)));

        List<String> details = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select details from audit_entry where subject = :subject and action = 'reminder.sent'", String.class)
                .setParameter("subject", "obligation/" + obligation).getResultList());
        assertThat(details).hasSize(1);
        JsonNode entry = Fixtures.json(details.get(0));
        assertThat(entry.path("kind").asText()).isEqualTo("UNDATED");
        assertThat(entry.path("recipients").asInt()).isEqualTo(2);
        assertThat(Instant.parse(entry.path("slot").asText())).isEqualTo(art34.getValue());
        assertThat(details.get(0)).doesNotContain(Fixtures.DPO_EMAIL).doesNotContain(Fixtures.OFFICER_EMAIL);
    }
}
