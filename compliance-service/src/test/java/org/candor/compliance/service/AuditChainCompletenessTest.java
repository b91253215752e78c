package org.candor.compliance.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.compliance.Fixtures;
import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationBatchDelivered.Delivered;
import org.candor.contracts.notification.NotificationNotReached;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Delivery evidence, people not reached and report generations are audit chain entries. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class AuditChainCompletenessTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    EntityManager entityManager;

    @Inject
    EvidenceService evidence;

    private List<Object[]> entries(String subject, String action) {
        return QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select actor, details from audit_entry where subject = :subject and action = :action order by seq",
                Object[].class).setParameter("subject", subject).setParameter("action", action).getResultList());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static void send(String key, String type, Object event) throws Exception {
        TestEvents.sendCloudEvent(Topics.NOTIFICATION_EVENTS, null, key, UUID.randomUUID(), type,
                JSON.writeValueAsString(event));
    }

    @Test
    void aBatchOfFiveHundredDeliveriesIsOneChainEntryCommittingToEveryIdAndARedeliveryAddsNone() throws Exception {
        UUID incident = UUID.randomUUID();
        Instant at = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        List<Delivered> deliveries = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            deliveries.add(new Delivered(UUID.randomUUID(), incident, "customer-" + (i % 400), "breach-notice",
                    i % 4 == 0 ? "SMS" : "EMAIL", "smtp", at.plusSeconds(i)));
        }
        NotificationBatchDelivered batch = new NotificationBatchDelivered(UUID.randomUUID(), deliveries);
        send(batch.batchId().toString(), NotificationBatchDelivered.TYPE, batch);
        await().atMost(Duration.ofSeconds(30)).until(() -> !entries("incident/" + incident, "evidence.recorded").isEmpty());
        send(batch.batchId().toString(), NotificationBatchDelivered.TYPE, batch);
        UUID marker = UUID.randomUUID();
        send(marker.toString(), NotificationBatchDelivered.TYPE, new NotificationBatchDelivered(UUID.randomUUID(),
                List.of(new Delivered(UUID.randomUUID(), marker, "c", "breach-notice", "EMAIL", "smtp", at))));
        // The partition is read in order: once the later batch is in, the repeated one has been applied.
        await().atMost(Duration.ofSeconds(30)).until(() -> !entries("incident/" + marker, "evidence.recorded").isEmpty());

        List<Object[]> recorded = entries("incident/" + incident, "evidence.recorded");
        assertThat(recorded).hasSize(1);
        JsonNode details = Fixtures.json((String) recorded.get(0)[1]);
        assertThat(details.path("deliveries").asLong()).isEqualTo(500);
        assertThat(details.path("people").asLong()).isEqualTo(400);
        assertThat(details.path("channels").path("SMS").asLong()).isEqualTo(125);
        assertThat(details.path("channels").path("EMAIL").asLong()).isEqualTo(375);
        assertThat(Instant.parse(details.path("firstDeliveredAt").asText())).isEqualTo(at);
        assertThat(Instant.parse(details.path("lastDeliveredAt").asText())).isEqualTo(at.plusSeconds(499));
        assertThat(details.path("deliveryIdsSha256").asText()).isEqualTo(sha256(deliveries.stream()
                .map(d -> d.deliveryId().toString()).sorted().collect(Collectors.joining("\n"))));
        assertThat(evidence.summary(incident).deliveries()).isEqualTo(500);
        given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    void aPersonNotReachedIsAChainEntryWithChannelsAndNoContactDetails() throws Exception {
        UUID incident = UUID.randomUUID();
        NotificationNotReached event = new NotificationNotReached(UUID.randomUUID(), incident, "customer-9",
                "breach-notice", List.of(new NotificationNotReached.Attempt("EMAIL", "mailbox does not exist"),
                        new NotificationNotReached.Attempt("SMS", "number not reachable")),
                Instant.now().truncatedTo(ChronoUnit.SECONDS));

        send(event.aggregateId(), NotificationNotReached.TYPE, event);
        send(event.aggregateId(), NotificationNotReached.TYPE, event);

        await().atMost(Duration.ofSeconds(30)).until(() -> !entries("incident/" + incident, "evidence.not-reached").isEmpty());
        List<Object[]> recorded = entries("incident/" + incident, "evidence.not-reached");
        assertThat(recorded).hasSize(1);
        JsonNode details = Fixtures.json((String) recorded.get(0)[1]);
        assertThat(details.path("customerId").asText()).isEqualTo("customer-9");
        assertThat(details.path("messageId").asText()).isEqualTo(event.messageId().toString());
        assertThat(details.path("channels").toString()).isEqualTo("[\"EMAIL\",\"SMS\"]");
    }

    @Test
    void eachReportGenerationIsAChainEntryWithWhoAndTheDocumentsDigest() throws Exception {
        Fixtures.profile();
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        Fixtures.awaitObligation(incident, "NIS2_NOTIFICATION");
        String analyst = CandorTestResource.jwt().token("analyst-4", Duration.ofMinutes(5), Roles.ANALYST);

        String markdown = given().auth().oauth2(analyst).accept("text/markdown")
                .get("/api/incidents/" + incident + "/reports/gdpr-art33?lang=en").then().statusCode(200).extract().asString();
        given().auth().oauth2(Fixtures.officer()).get("/api/incidents/" + incident + "/reports/gdpr-art33?lang=de")
                .then().statusCode(200);

        List<Object[]> generated = entries("incident/" + incident, "report.generated");
        assertThat(generated).hasSize(2);
        assertThat(generated.get(0)[0]).isEqualTo("analyst-4");
        JsonNode first = Fixtures.json((String) generated.get(0)[1]);
        assertThat(first.path("report").asText()).isEqualTo("GDPR_ART33");
        assertThat(first.path("format").asText()).isEqualTo("markdown");
        assertThat(first.path("lang").asText()).isEqualTo("en");
        assertThat(first.path("sha256").asText()).isEqualTo(sha256(markdown));
        assertThat(first.path("missing").toString()).contains("personalDataRecords");
        JsonNode second = Fixtures.json((String) generated.get(1)[1]);
        assertThat(second.path("format").asText()).isEqualTo("json");
        assertThat(second.path("lang").asText()).isEqualTo("de");
        given().auth().oauth2(Fixtures.officer()).get("/api/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true));
    }
}
