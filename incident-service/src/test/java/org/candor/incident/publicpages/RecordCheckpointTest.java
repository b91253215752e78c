package org.candor.incident.publicpages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.contracts.Topics;
import org.candor.contracts.compliance.AuditCheckpointed;
import org.candor.incident.domain.RecordCheckpoint;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** compliance-service's signed record checkpoints, as its events bring them, on the public status page. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class RecordCheckpointTest {

    /** Heads that only grow, across the tests of this JVM (the page keeps the highest). */
    private static final AtomicLong HEAD = new AtomicLong(System.currentTimeMillis());

    @Inject
    EntityManager entityManager;

    private record Sent(UUID eventId, String headHash, Instant at) {

        String line() {
            return "record checkpoint: " + headHash + ", " + at;
        }
    }

    private static Sent checkpointed(long head) {
        UUID eventId = UUID.randomUUID();
        byte[] hash = new byte[32];
        ThreadLocalRandom.current().nextBytes(hash);
        String headHash = HexFormat.of().formatHex(hash);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        TestEvents.sendCloudEvent(Topics.COMPLIANCE_AUDIT, null, AuditCheckpointed.CHAIN, eventId, AuditCheckpointed.TYPE,
                "{\"checkpointId\":" + head + ",\"headSeq\":" + head + ",\"entries\":" + head + ",\"headHash\":\""
                        + headHash + "\",\"checkpointedAt\":\"" + at + "\",\"algorithm\":\"Ed25519\",\"keyId\":\""
                        + "ab".repeat(32) + "\",\"signature\":\"c2lnbmF0dXJl\"}");
        return new Sent(eventId, headHash, at);
    }

    private static String shownFor(String incident) {
        return given().get("/status/api/incidents?lang=en").then().statusCode(200).extract().jsonPath()
                .getString("find { it.id == '" + incident + "' }.recordCheckpoint.line");
    }

    @Test
    void theLatestCheckpointIsShownOnAnIncidentWithAPublicUpdate() {
        String incident = incidentWithPublicUpdate("Record checkpoint " + UUID.randomUUID());

        Sent sent = checkpointed(HEAD.addAndGet(10));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shownFor(incident)).isEqualTo(sent.line()));
        for (String lang : List.of("en", "de")) {
            String html = given().accept("text/html").get("/status?lang=" + lang).then().statusCode(200).extract().asString();
            String article = html.substring(html.indexOf("data-incident=\"" + incident + "\""));
            article = article.substring(0, article.indexOf("</article>"));
            assertThat(article).contains("<p class=\"record-checkpoint\"").contains(">" + sent.line() + "</p>");
        }
    }

    @Test
    void aCheckpointArrivingAfterALaterOneDoesNotReplaceIt() {
        String incident = incidentWithPublicUpdate("Record checkpoint order " + UUID.randomUUID());
        long head = HEAD.addAndGet(10);
        Sent later = checkpointed(head);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(shownFor(incident)).isEqualTo(later.line()));

        Sent earlier = checkpointed(head - 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from inbox_event where event_id = :id")
                .setParameter("id", earlier.eventId()).getSingleResult()).longValue()) == 1);

        assertThat(QuarkusTransaction.requiringNew().call(() -> RecordCheckpoint.<RecordCheckpoint>findById(RecordCheckpoint.ID)
                .headHash)).isEqualTo(later.headHash());
        assertThat(shownFor(incident)).isEqualTo(later.line());
    }

    private static String incidentWithPublicUpdate(String title) {
        var commander = given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType(ContentType.JSON);
        String incident = commander.body(Map.of("title", title, "summaries", Map.of("en", "Attackers read customer records."),
                "severity", "HIGH", "detectedAt", "2026-03-27T14:00:00+01:00", "awareAt", "2026-03-27T16:30:00+01:00",
                "dataCategories", List.of("CONTACT"))).post("/api/incidents").then().statusCode(201).extract().path("id");
        given().auth().oauth2(CandorTestResource.token(Roles.INCIDENT_COMMANDER)).contentType(ContentType.JSON)
                .body(Map.of("status", "INVESTIGATING", "audience", "PUBLIC",
                        "messages", Map.of("en", "We are investigating unusual access."), "notifyPeople", false))
                .post("/api/incidents/" + incident + "/updates").then().statusCode(201);
        return incident;
    }
}
