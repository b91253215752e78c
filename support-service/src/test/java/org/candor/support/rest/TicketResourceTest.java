package org.candor.support.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.openTicket;
import static org.candor.support.TestData.supervisor;
import static org.candor.support.TestData.type;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationRequested;
import org.candor.contracts.support.TicketOpened;
import org.candor.contracts.support.TicketResolved;
import org.candor.support.MutableClock;
import org.candor.support.TestData;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class TicketResourceTest {

    @Inject
    MutableClock clock;

    @Inject
    EntityManager entityManager;

    @Test
    void openedTicketIsNewLinkedToTheActiveIncidentAndPublished() {
        clock.advance(Duration.ofSeconds(1));
        UUID incidentId = TestData.declareIncident(clock.instant());

        String id = openTicket(agent(), Map.of("channel", "HOTLINE", "queue", "breach-hotline", "subject",
                "Was my data stolen?", "locale", "de", "priority", "HIGH")).then().statusCode(201)
                .body("status", equalTo("NEW"))
                .body("incidentId", equalTo(incidentId.toString()))
                .body("sla.paused", equalTo(false))
                .extract().path("id");

        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.SUPPORT_TICKETS,
                r -> id.equals(r.key()) && TicketOpened.TYPE.equals(type(r)), Duration.ofSeconds(30));
        JsonPath data = new JsonPath(record.value());
        assertThat(data.getString("queue")).isEqualTo("breach-hotline");
        assertThat(data.getString("priority")).isEqualTo("HIGH");
        assertThat(data.getString("incidentId")).isEqualTo(incidentId.toString());
    }

    @Test
    void openedTicketShowsWhenItsSlaTargetsFallDue() {
        clock.advance(Duration.ofSeconds(1));
        Instant openedAt = clock.instant();
        JsonPath policy = agent().get("/api/sla/policies").then().statusCode(200).extract().jsonPath();
        int firstResponse = policy.getInt("find { it.priority == 'URGENT' }.firstResponseMinutes");
        int resolution = policy.getInt("find { it.priority == 'URGENT' }.resolutionMinutes");

        JsonPath opened = openTicket(agent(), Map.of("channel", "WEB", "queue", "breach-hotline", "subject",
                "Is my card still safe?", "priority", "URGENT")).then().statusCode(201).extract().jsonPath();

        // The breach hotline is staffed around the clock: the targets fall due that many minutes after opening.
        assertThat(Instant.parse(opened.getString("sla.due.FIRST_RESPONSE")))
                .isEqualTo(openedAt.plus(Duration.ofMinutes(firstResponse)));
        assertThat(Instant.parse(opened.getString("sla.due.RESOLUTION")))
                .isEqualTo(openedAt.plus(Duration.ofMinutes(resolution)));
        assertThat(agent().get("/api/tickets/" + opened.getString("id")).then().statusCode(200).extract().jsonPath()
                .getMap("sla.due")).isEqualTo(opened.getMap("sla.due"));
    }

    @Test
    void publicReplyOpensTheTicketAndEveryChangeIsInTheHistory() {
        String id = openTicket("general");

        agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "We are looking into it.")).post("/api/tickets/" + id + "/messages")
                .then().statusCode(201);

        agent().get("/api/tickets/" + id).then().statusCode(200).body("status", equalTo("OPEN"));
        List<String> actions = agent().get("/api/tickets/" + id + "/history").then().statusCode(200)
                .extract().jsonPath().getList("action");
        assertThat(actions).containsExactly("CREATED", "REPLIED", "STATUS_CHANGED");
    }

    @Test
    void illegalTransitionIsAConflictNamingTheStatusField() {
        String id = openTicket("general");

        agent().body(Map.of("status", "CLOSED")).post("/api/tickets/" + id + "/status")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"))
                .body("detail", containsString("NEW to CLOSED"));
        agent().get("/api/tickets/" + id).then().body("status", equalTo("NEW"));
    }

    @Test
    void resolvingPublishesTicketResolvedForTheSurvey() {
        String id = openTicket("general");

        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + id + "/status").then().statusCode(200)
                .body("status", equalTo("RESOLVED"));

        ConsumerRecord<String, String> record = TestKafka.awaitRecord(Topics.SUPPORT_TICKETS,
                r -> id.equals(r.key()) && TicketResolved.TYPE.equals(type(r)), Duration.ofSeconds(30));
        assertThat(new JsonPath(record.value()).getString("channel")).isEqualTo("HOTLINE");
    }

    @Test
    void resolvedTicketReopensWithinFourteenDays() {
        String id = openTicket("general");
        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + id + "/status").then().statusCode(200);
        clock.advance(Duration.ofDays(13));

        agent().body(Map.of("status", "OPEN")).post("/api/tickets/" + id + "/status").then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("resolvedAt", nullValue());
    }

    @Test
    void resolvedTicketCannotBeReopenedAfterFourteenDays() {
        String id = openTicket("general");
        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + id + "/status").then().statusCode(200);
        clock.advance(Duration.ofDays(15));

        agent().body(Map.of("status", "OPEN")).post("/api/tickets/" + id + "/status").then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"))
                .body("detail", containsString("14 days"));
    }

    @Test
    void unknownQueueIsRejectedNamingTheField() {
        openTicket(agent(), Map.of("channel", "WEB", "queue", "no-such-queue", "subject", "Help", "locale", "en"))
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("queue"))
                .body("errors[0].message", containsString("no-such-queue"));
    }

    @Test
    void oversizedReplyIsRejectedNamingTheBody() {
        String id = openTicket("general");

        agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "x".repeat(10_001))).post("/api/tickets/" + id + "/messages")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("body"));
        assertThat(agent().get("/api/tickets/" + id + "/messages").then().extract().jsonPath().getList("id")).isEmpty();
    }

    @Test
    void historyIsAppendOnlyInTheDatabase() {
        String id = openTicket("general");

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update ticket_history set detail = 'rewritten' where ticket_id = :id")
                .setParameter("id", UUID.fromString(id)).executeUpdate()))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from ticket_history where ticket_id = :id")
                .setParameter("id", UUID.fromString(id)).executeUpdate()))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void publicReplyToAKnownCustomerIsSentAndAnInternalNoteIsNot() {
        String id = openTicket(agent(), Map.of("channel", "EMAIL", "queue", "general", "subject", "Card blocked?",
                "locale", "fr", "customerId", "C-" + UUID.randomUUID())).then().statusCode(201).extract().path("id");

        String noteId = agent().body(Map.of("kind", "INTERNAL_NOTE", "body", "Customer sounded upset"))
                .post("/api/tickets/" + id + "/messages").then().statusCode(201).extract().path("id");
        String replyId = agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "Your card is safe."))
                .post("/api/tickets/" + id + "/messages").then().statusCode(201).extract().path("id");

        ConsumerRecord<String, String> reply = TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains("support:reply:" + replyId), Duration.ofSeconds(30));
        assertThat(type(reply)).isEqualTo(NotificationRequested.TYPE);
        assertThat(new JsonPath(reply.value()).getString("recipient.locale")).isEqualTo("fr");
        // The relay publishes in order and the later reply has arrived, so a request for the note would be there.
        assertThatThrownBy(() -> TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS, r -> r.value().contains(noteId),
                Duration.ofSeconds(2))).isInstanceOf(AssertionError.class);
    }

    @Test
    void aReplyEmailNamesTheTicketByItsNumberAndLeavesTheGreetingToAReplyThatHasOne() {
        var opened = openTicket(agent(), Map.of("channel", "EMAIL", "queue", "general", "subject", "Card blocked?",
                "locale", "en", "customerId", "C-" + UUID.randomUUID())).then().statusCode(201)
                .body("reference", org.hamcrest.Matchers.matchesPattern("T-[0-9]+")).extract().jsonPath();
        String id = opened.getString("id");
        String reference = opened.getString("reference");

        String greeting = agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "Hello Kim, your card is safe."))
                .post("/api/tickets/" + id + "/messages").then().statusCode(201).extract().path("id");
        String plain = agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "We have unblocked it."))
                .post("/api/tickets/" + id + "/messages").then().statusCode(201).extract().path("id");

        JsonPath greets = new JsonPath(TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains("support:reply:" + greeting), Duration.ofSeconds(30)).value());
        JsonPath plainReply = new JsonPath(TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains("support:reply:" + plain), Duration.ofSeconds(30)).value());
        assertThat(greets.getString("parameters.ticketReference")).isEqualTo(reference);
        assertThat(greets.getString("parameters.ticketSubject")).isEqualTo("Card blocked?");
        assertThat(greets.getString("parameters.greet")).isEqualTo("false");
        assertThat(plainReply.getString("parameters.greet")).isEqualTo("true");
    }

    @Test
    void theReferenceACustomerQuotesFindsTheirTicket() {
        var opened = openTicket(agent(), Map.of("channel", "HOTLINE", "queue", "general", "subject", "Locked out",
                "locale", "de")).then().statusCode(201).extract().jsonPath();

        agent().queryParam("q", opened.getString("reference").toLowerCase(java.util.Locale.ROOT)).get("/api/tickets")
                .then().statusCode(200).body("items.id", org.hamcrest.Matchers.contains(opened.getString("id")));
        agent().get("/api/tickets/" + opened.getString("id")).then().statusCode(200)
                .body("reference", org.hamcrest.Matchers.equalTo(opened.getString("reference")));
    }

    @Test
    void listFiltersByQueueAndPagesWithACursorNewestFirst() {
        String queue = "q-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(Map.of("name", "Paging", "timeZone", "UTC", "autoAssign", false)).put("/api/queues/" + queue)
                .then().statusCode(200);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            opened.add(openTicket(queue));
        }

        var first = agent().queryParam("queue", queue).queryParam("limit", 2).get("/api/tickets").then().statusCode(200)
                .extract().jsonPath();
        var second = agent().queryParam("queue", queue).queryParam("limit", 2).queryParam("cursor", first.getString("nextCursor"))
                .get("/api/tickets").then().statusCode(200).extract().jsonPath();
        var third = agent().queryParam("queue", queue).queryParam("limit", 2).queryParam("cursor", second.getString("nextCursor"))
                .get("/api/tickets").then().statusCode(200).extract().jsonPath();

        List<String> seen = new ArrayList<>(first.getList("items.id"));
        seen.addAll(second.getList("items.id"));
        seen.addAll(third.getList("items.id"));
        java.util.Collections.reverse(opened);
        assertThat(seen).containsExactlyElementsOf(opened);
        assertThat(third.getString("nextCursor")).isNull();
    }

    @Test
    void listFiltersByStatusAndChannel() {
        String queue = "q-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(Map.of("name", "Filtering", "timeZone", "UTC", "autoAssign", false)).put("/api/queues/" + queue)
                .then().statusCode(200);
        String resolved = openTicket(queue);
        String open = openTicket(queue);
        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + resolved + "/status").then().statusCode(200);

        agent().queryParam("queue", queue).queryParam("status", "RESOLVED").queryParam("channel", "HOTLINE")
                .get("/api/tickets").then().statusCode(200)
                .body("items.id", equalTo(List.of(resolved)));
        agent().queryParam("queue", queue).queryParam("status", "NEW").get("/api/tickets").then()
                .body("items.id", equalTo(List.of(open)));
    }

    @Test
    void listFiltersByCustomerAndPagesWithACursor() {
        String customer = "C-" + UUID.randomUUID();
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            opened.add(openTicket(agent(), Map.of("channel", "EMAIL", "queue", "general", "subject", "Refund?",
                    "customerId", customer)).then().statusCode(201).extract().path("id"));
        }
        openTicket("general");

        var first = agent().queryParam("customerId", customer).queryParam("limit", 2).get("/api/tickets").then()
                .statusCode(200).extract().jsonPath();
        var second = agent().queryParam("customerId", customer).queryParam("limit", 2)
                .queryParam("cursor", first.getString("nextCursor")).get("/api/tickets").then().statusCode(200)
                .extract().jsonPath();

        assertThat(first.getList("items.id", String.class)).containsExactly(opened.get(2), opened.get(1));
        assertThat(second.getList("items.id", String.class)).containsExactly(opened.get(0));
        assertThat(second.getString("nextCursor")).isNull();
    }

    @Test
    void unknownFilterValueIsRejectedNamingTheParameter() {
        agent().queryParam("status", "SLEEPING").get("/api/tickets").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("status"));
    }

    @Test
    void forgedCursorIsRejected() {
        agent().queryParam("cursor", "not-a-cursor").get("/api/tickets").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void agentCannotChangeQueues() {
        agent().body(Map.of("name", "Mine", "timeZone", "UTC", "autoAssign", false)).put("/api/queues/mine")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void missingChannelIsRejectedNamingTheField() {
        openTicket(agent(), Map.of("queue", "general", "subject", "Help", "locale", "en")).then().statusCode(400)
                .body("errors.field", hasItem("channel"));
    }
}
