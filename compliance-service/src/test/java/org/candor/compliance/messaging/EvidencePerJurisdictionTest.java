package org.candor.compliance.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.compliance.Fixtures.awaitObligation;
import static org.candor.compliance.Fixtures.officer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.candor.compliance.Fixtures;
import org.candor.contracts.CandorEvent;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.AffectedCustomer;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationBatchDelivered.Delivered;
import org.candor.contracts.notification.NotificationNotReached;
import org.candor.contracts.notification.NotificationNotReached.Attempt;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Evidence per country and US state, and the people not reached, from the affected-customer and delivery topics. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class EvidencePerJurisdictionTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Instant told = Instant.now().minus(30, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);

    private static void send(String topic, String key, String type, CandorEvent event) throws Exception {
        TestEvents.sendCloudEvent(topic, null, key, UUID.randomUUID(), type, JSON.writeValueAsString(event));
    }

    private static void affected(UUID incident, String customer, String country, String region) throws Exception {
        send(Topics.AFFECTED_CUSTOMERS, customer, AffectedCustomerAdded.TYPE, new AffectedCustomerAdded(incident,
                new AffectedCustomer(customer, "Name " + customer, customer + "@example.org", "+15125550100", "en",
                        country, region, "retail"), Instant.now()));
    }

    private Delivered delivered(UUID incident, String customer, String channel, int afterSeconds) {
        return new Delivered(UUID.randomUUID(), incident, customer, "breach-notice", channel,
                "EMAIL".equals(channel) ? "smtp" : "sms-primary", told.plusSeconds(afterSeconds));
    }

    private static void batch(Delivered... deliveries) throws Exception {
        NotificationBatchDelivered batch = new NotificationBatchDelivered(UUID.randomUUID(), List.of(deliveries));
        send(Topics.NOTIFICATION_EVENTS, batch.batchId().toString(), NotificationBatchDelivered.TYPE, batch);
    }

    private static NotificationNotReached notReached(UUID incident, String customer, Instant at) {
        return new NotificationNotReached(UUID.randomUUID(), incident, customer, "breach-notice",
                List.of(new Attempt("EMAIL", "mailbox does not exist"), new Attempt("SMS", "number not reachable")), at);
    }

    private static void send(NotificationNotReached event) throws Exception {
        send(Topics.NOTIFICATION_EVENTS, event.aggregateId(), NotificationNotReached.TYPE, event);
    }

    private static JsonPath evidence(UUID incident) {
        return given().auth().oauth2(officer()).get("/api/incidents/" + incident + "/evidence").then().statusCode(200)
                .extract().jsonPath();
    }

    private static Map<String, Object> jurisdiction(JsonPath evidence, String country) {
        List<Map<String, Object>> all = evidence.getList("jurisdictions");
        return all.stream().filter(j -> country.equals(j.get("country"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + country + " in " + all));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> region(JsonPath evidence, String country, String region) {
        List<Map<String, Object>> regions = (List<Map<String, Object>>) jurisdiction(evidence, country).get("regions");
        return regions.stream().filter(r -> region.equals(r.get("region"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + region + " in " + regions));
    }

    @Test
    @SuppressWarnings("unchecked")
    void peopleToldAreCountedPerCountryAndStateWithWhenAndOnWhichChannel() throws Exception {
        UUID incident = UUID.randomUUID();
        affected(incident, "tx-1", "US", "US-TX");
        affected(incident, "tx-2", "US", "US-TX");
        affected(incident, "ca-1", "US", "US-CA");
        affected(incident, "de-1", "DE", null);
        batch(delivered(incident, "tx-1", "EMAIL", 0), delivered(incident, "tx-1", "SMS", 5),
                delivered(incident, "tx-2", "EMAIL", 10), delivered(incident, "ca-1", "SMS", 20),
                delivered(incident, "de-1", "EMAIL", 30));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath evidence = evidence(incident);
            assertThat(evidence.getLong("peopleTold")).isEqualTo(4);
            assertThat(evidence.getList("jurisdictions.country")).containsExactly("DE", "US");
        });

        JsonPath evidence = evidence(incident);
        Map<String, Object> us = (Map<String, Object>) jurisdiction(evidence, "US").get("total");
        assertThat(((Number) us.get("peopleTold")).longValue()).isEqualTo(3);
        assertThat(((Number) us.get("deliveries")).longValue()).isEqualTo(4);
        Map<String, Object> texas = region(evidence, "US", "US-TX");
        assertThat(((Number) texas.get("peopleTold")).longValue()).isEqualTo(2);
        assertThat(((Number) texas.get("deliveries")).longValue()).isEqualTo(3);
        assertThat(Instant.parse((String) texas.get("firstDeliveredAt"))).isEqualTo(told);
        assertThat(Instant.parse((String) texas.get("lastDeliveredAt"))).isEqualTo(told.plusSeconds(10));
        Map<String, Map<String, Number>> channels = (Map<String, Map<String, Number>>) texas.get("channels");
        assertThat(channels.get("EMAIL").get("people").longValue()).isEqualTo(2);
        assertThat(channels.get("SMS").get("people").longValue()).isEqualTo(1);
        assertThat(((Number) region(evidence, "US", "US-CA").get("peopleTold")).longValue()).isEqualTo(1);
        Map<String, Object> germany = jurisdiction(evidence, "DE");
        assertThat(((Number) ((Map<String, Object>) germany.get("total")).get("peopleTold")).longValue()).isEqualTo(1);
        assertThat((List<?>) germany.get("regions")).isEmpty();
        assertThat(evidence.getLong("notReached.people")).isZero();
    }

    @Test
    void peopleNotReachedAreCountedApartWithTheirReasonsAndALaterDeliveryCountsAsTold() throws Exception {
        UUID incident = UUID.randomUUID();
        affected(incident, "tx-told", "US", "US-TX");
        affected(incident, "tx-lost", "US", "US-TX");
        affected(incident, "tx-late", "US", "US-TX");
        NotificationNotReached lost = notReached(incident, "tx-lost", told.plusSeconds(60));
        send(lost);
        send(lost); // delivered again, as a relay that crashed before marking it sent would
        send(notReached(incident, "tx-lost", told.plusSeconds(600))); // the next update did not reach them either
        send(notReached(incident, "tx-late", told.plusSeconds(60)));
        send(notReached(incident, "nowhere", told.plusSeconds(90))); // no place known for this person
        batch(delivered(incident, "tx-told", "EMAIL", 0), delivered(incident, "tx-late", "SMS", 3600));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath evidence = evidence(incident);
            assertThat(evidence.getLong("peopleTold")).isEqualTo(2);
            assertThat(evidence.getList("notReached.listed.customerId")).containsExactlyInAnyOrder("tx-lost", "nowhere");
        });

        JsonPath evidence = evidence(incident);
        assertThat(evidence.getLong("notReached.people")).isEqualTo(2);
        assertThat(evidence.getList("notReached.reasons.reason"))
                .containsExactly("mailbox does not exist", "number not reachable");
        assertThat(evidence.getList("notReached.reasons.people", Integer.class)).containsExactly(2, 2);
        assertThat(evidence.getString("notReached.listed.find { it.customerId == 'tx-lost' }.region")).isEqualTo("US-TX");
        assertThat(Instant.parse(evidence.getString("notReached.listed.find { it.customerId == 'tx-lost' }.notReachedAt")))
                .isEqualTo(told.plusSeconds(600));
        assertThat(evidence.getList("notReached.listed.find { it.customerId == 'tx-lost' }.attempts.channel"))
                .containsExactly("EMAIL", "SMS");
        Map<String, Object> texas = region(evidence, "US", "US-TX");
        assertThat(((Number) texas.get("peopleTold")).longValue()).isEqualTo(2);
        assertThat(((Number) texas.get("notReached")).longValue()).isEqualTo(1);
        List<Map<String, Object>> all = evidence.getList("jurisdictions");
        assertThat(all).anySatisfy(j -> {
            assertThat(j.get("country")).isNull();
            assertThat(((Number) ((Map<?, ?>) j.get("total")).get("notReached")).longValue()).isEqualTo(1);
        });
    }

    @Test
    void aStateNoticeObligationShowsTheCountsForItsState() throws Exception {
        Fixtures.profile();
        UUID incident = UUID.randomUUID();
        Fixtures.declare(incident, Instant.now().minus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS));
        Fixtures.population(incident, Map.of("US/US-TX", 300L, "US/US-CA", 20L));
        affected(incident, "tx-a", "US", "US-TX");
        affected(incident, "tx-b", "US", "US-TX");
        affected(incident, "tx-c", "US", "US-TX");
        affected(incident, "ca-a", "US", "US-CA");
        batch(delivered(incident, "tx-a", "EMAIL", 0), delivered(incident, "tx-b", "SMS", 1),
                delivered(incident, "ca-a", "EMAIL", 2));
        send(notReached(incident, "tx-c", told.plusSeconds(5)));
        awaitObligation(incident, "US_TX_AG");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, Object> texasAg = Fixtures.obligation(incident, "US_TX_AG");
            Map<?, ?> counts = (Map<?, ?>) texasAg.get("regionEvidence");
            assertThat(counts).isNotNull();
            assertThat(counts.get("region")).isEqualTo("US-TX");
            assertThat(((Number) counts.get("affected")).longValue()).isEqualTo(300);
            assertThat(((Number) counts.get("peopleTold")).longValue()).isEqualTo(2);
            assertThat(((Number) counts.get("notReached")).longValue()).isEqualTo(1);
        });
        Map<?, ?> california = (Map<?, ?>) Fixtures.obligation(incident, "US_CA_INDIVIDUALS").get("regionEvidence");
        assertThat(california.get("region")).isEqualTo("US-CA");
        assertThat(((Number) california.get("peopleTold")).longValue()).isEqualTo(1);
        assertThat(Fixtures.obligation(incident, "NIS2_NOTIFICATION").get("regionEvidence")).isNull();
    }
}
