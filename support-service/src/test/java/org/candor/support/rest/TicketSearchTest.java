package org.candor.support.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.openTicket;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.support.MutableClock;
import org.candor.support.service.SlaService;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Finding tickets: full-text search over subjects and messages, the sorts, and paging through both. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class TicketSearchTest {

    @Inject
    MutableClock clock;

    @Inject
    EntityManager entityManager;

    @Inject
    SlaService sla;

    @Test
    void searchFindsAGermanSubjectByAnotherFormOfTheWord() {
        String queue = newQueue();
        String match = open(queue, "Meine Passwörter wurden gestohlen", "NORMAL", "de");
        open(queue, "Frage zur Rechnung", "NORMAL", "de");

        assertThat(ids(agent().queryParam("queue", queue).queryParam("q", "Passwort").get("/api/tickets")
                .then().statusCode(200).extract().jsonPath())).containsExactly(match);
    }

    @Test
    void searchFindsAnEnglishMessageBodyByAnotherFormOfTheWord() {
        String queue = newQueue();
        String match = open(queue, "Question", "NORMAL", "en");
        String other = open(queue, "Question", "NORMAL", "en");
        agent().body(Map.of("body", "Someone charged my accounts twice")).post("/api/tickets/" + match + "/customer-messages")
                .then().statusCode(201);
        agent().body(Map.of("body", "Where do I find the letter?")).post("/api/tickets/" + other + "/customer-messages")
                .then().statusCode(201);

        assertThat(ids(agent().queryParam("queue", queue).queryParam("q", "account charges").get("/api/tickets")
                .then().statusCode(200).extract().jsonPath())).containsExactly(match);
    }

    @Test
    void searchCombinesWithTheFilters() {
        String word = "zzq" + UUID.randomUUID().toString().substring(0, 8);
        String queue = newQueue();
        String resolved = open(queue, "Lost card " + word, "NORMAL", "en");
        open(queue, "Lost card " + word, "NORMAL", "en");
        open(newQueue(), "Lost card " + word, "NORMAL", "en");
        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + resolved + "/status").then().statusCode(200);

        assertThat(ids(agent().queryParam("queue", queue).queryParam("status", "RESOLVED").queryParam("q", word)
                .get("/api/tickets").then().statusCode(200).extract().jsonPath())).containsExactly(resolved);
    }

    @Test
    void searchSyntaxPhraseOrAndExclusion() {
        String queue = newQueue();
        String phrase = open(queue, "stolen credit card", "NORMAL", "en");
        open(queue, "credit stolen from card", "NORMAL", "en");
        String other = open(queue, "leaked passport", "NORMAL", "en");

        assertThat(ids(search(queue, "\"stolen credit card\""))).containsExactly(phrase);
        assertThat(ids(search(queue, "passport or \"stolen credit\""))).containsExactly(other, phrase);
        assertThat(ids(search(queue, "card -credit"))).isEmpty();
    }

    @Test
    void searchWithBrokenSyntaxIsReadAsWordsNotAnError() {
        String queue = newQueue();
        String match = open(queue, "refund for the stolen card", "NORMAL", "en");

        assertThat(ids(search(queue, "refund & (card | !"))).containsExactly(match);
        assertThat(ids(search(queue, "\"stolen card"))).containsExactly(match);
    }

    @Test
    void searchWithoutAWordIsRejectedNamingQ() {
        agent().queryParam("q", "\" & | ! ( ) -").get("/api/tickets").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void searchWithAControlCharacterIsRejectedNamingQ() {
        agent().queryParam("q", "card\u0000").get("/api/tickets").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void overlongSearchIsRejectedNamingQ() {
        agent().queryParam("q", "card ".repeat(60)).get("/api/tickets").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("q"));
    }

    @Test
    void unknownSortIsRejectedNamingTheAllowedValues() {
        agent().queryParam("sort", "loudest").get("/api/tickets").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("sort"))
                .body("errors[0].message", containsString("newest, oldest, sla-due, priority, last-customer-message"));
    }

    @Test
    void priorityOrderPutsUrgentFirstAndTheLongestWaitingFirstWithinAPriority() {
        String queue = newQueue();
        String low = open(queue, "a", "LOW", "en");
        String normal = open(queue, "b", "NORMAL", "en");
        String urgent = open(queue, "c", "URGENT", "en");
        String high = open(queue, "d", "HIGH", "en");
        String normalLater = open(queue, "e", "NORMAL", "en");

        assertThat(allPages(queue, "priority", 2)).containsExactly(urgent, high, normal, normalLater, low);
    }

    @Test
    void slaDueOrderPutsTheEarliestDueFirstAndPausedTicketsLast() {
        String queue = newQueue();
        String pending = open(queue, "a", "URGENT", "en");
        clock.advance(Duration.ofMinutes(1));
        String high = open(queue, "b", "HIGH", "en");
        clock.advance(Duration.ofMinutes(1));
        String urgent = open(queue, "c", "URGENT", "en");
        clock.advance(Duration.ofMinutes(1));
        String low = open(queue, "d", "LOW", "en");
        agent().body(Map.of("kind", "PUBLIC_REPLY", "body", "Can you send the letter?"))
                .post("/api/tickets/" + pending + "/messages").then().statusCode(201);
        agent().body(Map.of("status", "PENDING_CUSTOMER")).post("/api/tickets/" + pending + "/status").then().statusCode(200);

        assertThat(allPages(queue, "sla-due", 1)).containsExactly(urgent, high, low, pending);
        JsonPath first = agent().queryParam("queue", queue).queryParam("sort", "sla-due").get("/api/tickets").then()
                .statusCode(200).extract().jsonPath();
        JsonPath urgentTicket = agent().get("/api/tickets/" + urgent).then().statusCode(200).extract().jsonPath();
        assertThat(first.getString("items[0].sla.nextDueAt")).isEqualTo(urgentTicket.getString("sla.due.FIRST_RESPONSE"));
        assertThat(first.getString("items[3].sla.nextDueAt")).isNull();
    }

    @Test
    void lastCustomerMessageOrderPutsTheMostRecentFirstAndSilentTicketsLast() {
        String queue = newQueue();
        String wroteFirst = open(queue, "a", "NORMAL", "en");
        String silent = open(queue, "b", "NORMAL", "en");
        String wroteLast = open(queue, "c", "NORMAL", "en");
        clock.advance(Duration.ofSeconds(5));
        agent().body(Map.of("body", "Any news?")).post("/api/tickets/" + wroteFirst + "/customer-messages").then().statusCode(201);
        clock.advance(Duration.ofSeconds(5));
        Instant lastWrote = clock.instant();
        agent().body(Map.of("body", "Hello?")).post("/api/tickets/" + wroteLast + "/customer-messages").then().statusCode(201);

        assertThat(allPages(queue, "last-customer-message", 1)).containsExactly(wroteLast, wroteFirst, silent);
        assertThat(Instant.parse(agent().get("/api/tickets/" + wroteLast).then().statusCode(200).extract()
                .path("lastCustomerMessageAt"))).isEqualTo(lastWrote);
    }

    @Test
    void searchResultsPageInTheChosenOrder() {
        String word = "zzp" + UUID.randomUUID().toString().substring(0, 8);
        String queue = newQueue();
        String high = open(queue, "Card " + word, "HIGH", "en");
        open(queue, "Unrelated", "URGENT", "en");
        String urgent = open(queue, "Card " + word, "URGENT", "en");
        String low = open(queue, "Card " + word, "LOW", "en");

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = agent().queryParam("q", word).queryParam("sort", "priority").queryParam("limit", 1);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/tickets").then().statusCode(200).extract().jsonPath();
            seen.addAll(ids(page));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(seen).containsExactly(urgent, high, low);
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
        String queue = newQueue();
        open(queue, "a", "NORMAL", "en");
        open(queue, "b", "NORMAL", "en");
        String cursor = agent().queryParam("queue", queue).queryParam("limit", 1).get("/api/tickets").then()
                .statusCode(200).extract().path("nextCursor");

        agent().queryParam("queue", queue).queryParam("sort", "priority").queryParam("cursor", cursor)
                .get("/api/tickets").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void runningTicketsFromBeforeStoredDueDatesGetTheirDueDateFromTheSlaCheck() {
        String queue = newQueue();
        String id = open(queue, "a", "HIGH", "en");
        String due = agent().get("/api/tickets/" + id).then().statusCode(200).extract().path("sla.due.FIRST_RESPONSE");
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("update ticket set sla_due_at = null where id = cast(:id as uuid)")
                .setParameter("id", id).executeUpdate());
        assertThat(agent().get("/api/tickets/" + id).then().extract().<String>path("sla.nextDueAt")).isNull();

        while (sla.fillMissingDueDates() > 0) {
            // each round takes a batch
        }

        assertThat(agent().get("/api/tickets/" + id).then().statusCode(200).extract().<String>path("sla.nextDueAt"))
                .isEqualTo(due);
    }

    private static String newQueue() {
        String queue = "q-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(Map.of("name", "Finding", "timeZone", "UTC", "autoAssign", false)).put("/api/queues/" + queue)
                .then().statusCode(200);
        return queue;
    }

    private static String open(String queue, String subject, String priority, String locale) {
        return openTicket(agent(), Map.of("channel", "EMAIL", "queue", queue, "subject", subject, "priority", priority,
                "locale", locale)).then().statusCode(201).extract().path("id");
    }

    private static JsonPath search(String queue, String q) {
        return agent().queryParam("queue", queue).queryParam("q", q).get("/api/tickets").then().statusCode(200)
                .extract().jsonPath();
    }

    private static List<String> ids(JsonPath page) {
        return page.getList("items.id", String.class);
    }

    private static List<String> allPages(String queue, String sort, int limit) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = agent().queryParam("queue", queue).queryParam("sort", sort).queryParam("limit", limit);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/tickets").then().statusCode(200).extract().jsonPath();
            seen.addAll(ids(page));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return seen;
    }
}
