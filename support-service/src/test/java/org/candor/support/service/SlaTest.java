package org.candor.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.openTicket;
import static org.candor.support.TestData.supervisor;
import static org.candor.support.TestData.type;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.support.SlaAtRisk;
import org.candor.contracts.support.SlaBreached;
import org.candor.support.MutableClock;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** SLA rules against a clock the test moves: HIGH priority, 24/7 hotline, first response 60 min, next 120 min. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class SlaTest {

    @Inject
    MutableClock clock;

    @Inject
    SlaService sla;

    @Test
    void firstResponseAtRiskThenBreachedRaisesEventsAndEscalates() {
        String id = openHigh();

        clock.advance(Duration.ofMinutes(49));
        sla.checkDue();
        ConsumerRecord<String, String> atRisk = TestKafka.awaitRecord(Topics.SUPPORT_TICKETS,
                r -> id.equals(r.key()) && SlaAtRisk.TYPE.equals(type(r)), Duration.ofSeconds(30));
        assertThat(new JsonPath(atRisk.value()).getString("target")).isEqualTo("FIRST_RESPONSE");
        agent().get("/api/tickets/" + id).then().body("sla.atRisk", equalTo(true)).body("sla.breached", equalTo(false));

        clock.advance(Duration.ofMinutes(12));
        sla.checkDue();
        ConsumerRecord<String, String> breached = TestKafka.awaitRecord(Topics.SUPPORT_TICKETS,
                r -> id.equals(r.key()) && SlaBreached.TYPE.equals(type(r)), Duration.ofSeconds(30));
        assertThat(new JsonPath(breached.value()).getString("target")).isEqualTo("FIRST_RESPONSE");
        ConsumerRecord<String, String> escalation = TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains("support:sla:" + id + ":FIRST_RESPONSE:breached"), Duration.ofSeconds(30));
        JsonPath request = new JsonPath(escalation.value());
        assertThat(request.getString("messageType")).isEqualTo("support-sla-escalation");
        assertThat(request.getString("recipient.email")).isEqualTo("support-supervisors@candor.local");
        agent().queryParam("slaBreached", "true").queryParam("queue", "breach-hotline").queryParam("limit", 200)
                .get("/api/tickets").then().statusCode(200).body("items.id", hasItem(id));
        agent().get("/api/tickets/" + id).then().body("sla.breached", equalTo(true))
                .body("sla.breachedTargets", equalTo(List.of("FIRST_RESPONSE")));
    }

    @Test
    void clockPausesWhileWaitingForTheCustomerAndResumesWhenTheyAnswer() {
        String id = openHigh();
        clock.advance(Duration.ofMinutes(30));
        agent().body(Map.of("status", "PENDING_CUSTOMER")).post("/api/tickets/" + id + "/status").then().statusCode(200)
                .body("sla.paused", equalTo(true));

        clock.advance(Duration.ofHours(10));
        sla.checkDue();
        agent().get("/api/tickets/" + id).then().body("sla.breached", equalTo(false));

        agent().body(Map.of("body", "Here is my contract number")).post("/api/tickets/" + id + "/customer-messages")
                .then().statusCode(201);
        Instant resumedAt = clock.instant();
        agent().get("/api/tickets/" + id).then().body("status", equalTo("OPEN"))
                .body("sla.paused", equalTo(false))
                .body("sla.due.FIRST_RESPONSE", equalTo(resumedAt.plus(Duration.ofMinutes(30)).toString()));

        clock.advance(Duration.ofMinutes(31));
        sla.checkDue();
        agent().get("/api/tickets/" + id).then().body("sla.breachedTargets", equalTo(List.of("FIRST_RESPONSE")));
    }

    @Test
    void nextResponseIsDueAfterTheCustomerWritesAgain() {
        String id = openHigh();
        agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "First answer")).post("/api/tickets/" + id + "/messages")
                .then().statusCode(201);
        agent().body(Map.of("body", "And what about my card?")).post("/api/tickets/" + id + "/customer-messages")
                .then().statusCode(201);

        clock.advance(Duration.ofMinutes(121));
        sla.checkDue();

        ConsumerRecord<String, String> breached = TestKafka.awaitRecord(Topics.SUPPORT_TICKETS,
                r -> id.equals(r.key()) && SlaBreached.TYPE.equals(type(r)), Duration.ofSeconds(30));
        assertThat(new JsonPath(breached.value()).getString("target")).isEqualTo("NEXT_RESPONSE");
    }

    @Test
    void resolvedTicketNeverBreaches() {
        String id = openHigh();
        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + id + "/status").then().statusCode(200);

        clock.advance(Duration.ofDays(3));
        sla.checkDue();

        agent().get("/api/tickets/" + id).then().body("sla.breached", equalTo(false)).body("sla.paused", equalTo(true));
    }

    @Test
    void reportGivesTheShareMetPerQueueAndDay() {
        String queue = "sla-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(Map.of("name", "Report", "timeZone", "UTC", "autoAssign", false)).put("/api/queues/" + queue)
                .then().statusCode(200);
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String late = open(queue, "URGENT");
        String onTime = open(queue, "URGENT");
        agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "On it")).post("/api/tickets/" + onTime + "/messages")
                .then().statusCode(201);
        clock.advance(Duration.ofMinutes(16));
        sla.checkDue();
        agent().get("/api/tickets/" + late).then().body("sla.breached", equalTo(true));

        supervisor().queryParam("from", day.toString()).queryParam("to", day.toString()).get("/api/sla/report")
                .then().statusCode(200)
                .body("find { it.queue == '" + queue + "' }.tickets", equalTo(2))
                .body("find { it.queue == '" + queue + "' }.met", equalTo(1))
                .body("find { it.queue == '" + queue + "' }.shareMet", equalTo(0.5f));
    }

    private String openHigh() {
        return open("breach-hotline", "HIGH");
    }

    private static String open(String queue, String priority) {
        return openTicket(agent(), Map.of("channel", "HOTLINE", "queue", queue, "priority", priority,
                "subject", "Is my account safe?", "locale", "en")).then().statusCode(201).extract().path("id");
    }
}
