package org.candor.support.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.supervisor;
import static org.candor.support.TestData.type;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.support.ClaimDecided;
import org.candor.contracts.support.OfferGranted;
import org.candor.support.MutableClock;
import org.candor.support.TestData;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class AssistanceResourceTest {

    private static final String ACTIVATION_URL = "https://acme-credit.example/activate";

    @Inject
    MutableClock clock;

    @Inject
    EntityManager entityManager;

    @Test
    void concurrentRequestsForDifferentCustomersNeverShareACodeAndStopWhenThePoolIsEmpty() throws Exception {
        UUID incidentId = TestData.declareIncident(clock.instant());
        List<String> customers = affectedCustomers(incidentId, 8);
        String offerId = offerWithCodes(incidentId, 5);

        List<Response> responses = concurrently(customers.stream()
                .<Callable<Response>>map(customer -> () -> grant(offerId, customer)).toList());

        assertThat(responses.stream().map(Response::statusCode)).containsOnly(201, 409)
                .filteredOn(status -> status == 201).hasSize(5);
        List<Object[]> granted = grantedCodes(offerId);
        assertThat(granted).hasSize(5);
        assertThat(granted.stream().map(row -> row[0]).distinct()).hasSize(5);
        assertThat(granted.stream().map(row -> row[1]).distinct()).hasSize(5);
    }

    @Test
    void concurrentRequestsForOneCustomerGiveExactlyOneCode() throws Exception {
        UUID incidentId = TestData.declareIncident(clock.instant());
        String customer = affectedCustomers(incidentId, 1).get(0);
        String offerId = offerWithCodes(incidentId, 10);

        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(() -> grant(offerId, customer));
        }
        List<Response> responses = concurrently(requests);

        assertThat(responses.stream().map(Response::statusCode).filter(status -> status == 201)).hasSize(1);
        assertThat(responses.stream().map(Response::statusCode).filter(status -> status == 200)).hasSize(5);
        assertThat(responses.stream().map(response -> response.path("grantId")).distinct()).hasSize(1);
        assertThat(grantedCodes(offerId)).hasSize(1);
    }

    @Test
    void grantedCodeReachesTheCustomerByNotificationAndTheEventCarriesNoCode() {
        UUID incidentId = TestData.declareIncident(clock.instant());
        String customer = affectedCustomers(incidentId, 1).get(0);
        String offerId = offerWithCodes(incidentId, 1);

        String grantId = grant(offerId, customer).then().statusCode(201).extract().path("grantId");

        ConsumerRecord<String, String> request = TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                r -> r.value().contains("support:offer-code:" + grantId), Duration.ofSeconds(30));
        JsonPath notification = new JsonPath(request.value());
        assertThat(notification.getString("recipient.customerId")).isEqualTo(customer);
        assertThat(notification.getString("recipient.locale")).isEqualTo("de");
        String code = notification.getString("parameters.activationCode");
        assertThat(code).startsWith("CODE-");
        assertThat(notification.getString("parameters.activationUrl")).isEqualTo(ACTIVATION_URL);
        ConsumerRecord<String, String> event = TestKafka.awaitRecord(Topics.SUPPORT_ASSISTANCE,
                r -> grantId.equals(r.key()) && OfferGranted.TYPE.equals(type(r)), Duration.ofSeconds(30));
        assertThat(event.value()).doesNotContain(code);

        agent().body(Map.of("code", code)).post("/api/offers/" + offerId + "/activations").then().statusCode(204);
        agent().get("/api/offers/" + offerId).then().body("stats.granted", equalTo(1)).body("stats.activated", equalTo(1));
    }

    @Test
    void anOfferWhoseActivationPageIsNotHttpsIsRefusedNamingTheField() {
        UUID incidentId = TestData.declareIncident(clock.instant());

        supervisor().body(Map.of("incidentId", incidentId, "kind", "CREDIT_MONITORING", "name", "Credit monitoring",
                "provider", "Acme Credit", "validMonths", 12, "activationUrl", "http://acme.example/activate"))
                .post("/api/offers").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem("activationUrl"));
        assertThat(agent().queryParam("incidentId", incidentId.toString()).get("/api/offers").then().statusCode(200)
                .extract().jsonPath().getList("$")).isEmpty();
    }

    @Test
    void customerNotAffectedByTheIncidentIsNotEligible() {
        UUID incidentId = TestData.declareIncident(clock.instant());
        String offerId = offerWithCodes(incidentId, 1);

        grant(offerId, "C-" + UUID.randomUUID()).then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("customerId"));
    }

    @Test
    void csvWithARepeatedCodeIsRejectedNamingTheLineAndNothingIsImported() {
        UUID incidentId = TestData.declareIncident(clock.instant());
        String offerId = offer(incidentId);

        supervisor().contentType("text/csv").body("code,expires\nA-1,2027-01-01\nA-2,2027-01-01\nA-1,2027-01-01\n")
                .post("/api/offers/" + offerId + "/codes").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].line", equalTo(4))
                .body("errors[0].field", equalTo("code"));
        agent().get("/api/offers/" + offerId).then().body("stats.codes", equalTo(0));
    }

    @Test
    void claimAtOrBelowTheThresholdIsDecidedByAnAgentAndPublished() {
        String claimId = submitClaim("120.00");

        agent().body(Map.of("decision", "APPROVED", "note", "Card replacement fee")).post("/api/claims/" + claimId + "/decision")
                .then().statusCode(200).body("status", equalTo("APPROVED"));

        ConsumerRecord<String, String> event = TestKafka.awaitRecord(Topics.SUPPORT_ASSISTANCE,
                r -> claimId.equals(r.key()) && ClaimDecided.TYPE.equals(type(r)), Duration.ofSeconds(30));
        assertThat(new JsonPath(event.value()).getString("decision")).isEqualTo("APPROVED");
        TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS, r -> r.value().contains("support:claim-decision:" + claimId),
                Duration.ofSeconds(30));
    }

    @Test
    void claimAboveTheThresholdNeedsASupervisor() {
        String claimId = submitClaim("2500.00");

        agent().body(Map.of("decision", "APPROVED")).post("/api/claims/" + claimId + "/decision")
                .then().statusCode(403).contentType("application/problem+json");
        supervisor().body(Map.of("decision", "REJECTED", "note", "No loss shown")).post("/api/claims/" + claimId + "/decision")
                .then().statusCode(200).body("status", equalTo("REJECTED")).body("decidedBy", equalTo("supervisor-1"));
    }

    @Test
    void decidedClaimCannotBeDecidedAgain() {
        String claimId = submitClaim("10.00");
        agent().body(Map.of("decision", "REJECTED")).post("/api/claims/" + claimId + "/decision").then().statusCode(200);

        agent().body(Map.of("decision", "APPROVED")).post("/api/claims/" + claimId + "/decision")
                .then().statusCode(409).body("errors[0].field", equalTo("status"));
    }

    private String submitClaim(String amount) {
        UUID incidentId = TestData.declareIncident(clock.instant());
        String customer = affectedCustomers(incidentId, 1).get(0);
        return agent().body(Map.of("customerId", customer, "incidentId", incidentId, "amount", amount,
                "currency", "EUR", "reason", "Fraudulent card payment after the breach",
                "evidence", "Bank statement of 2026-03-29"))
                .post("/api/claims").then().statusCode(201).extract().path("id");
    }

    private List<String> affectedCustomers(UUID incidentId, int count) {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String customer = "C-" + UUID.randomUUID();
            TestData.sendAffected(incidentId, customer, "de");
            customers.add(customer);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from affected_customer where incident_id = :incident")
                .setParameter("incident", incidentId).getSingleResult()).intValue()) == count);
        return customers;
    }

    private static String offer(UUID incidentId) {
        return supervisor().body(Map.of("incidentId", incidentId, "kind", "CREDIT_MONITORING",
                "name", "24 months of credit monitoring", "provider", "Acme Credit", "validMonths", 24,
                "activationUrl", ACTIVATION_URL))
                .post("/api/offers").then().statusCode(201).extract().path("id");
    }

    private static String offerWithCodes(UUID incidentId, int codes) {
        String offerId = offer(incidentId);
        StringBuilder csv = new StringBuilder("code\n");
        for (int i = 0; i < codes; i++) {
            csv.append("CODE-").append(UUID.randomUUID()).append('\n');
        }
        supervisor().contentType("text/csv").body(csv.toString()).post("/api/offers/" + offerId + "/codes")
                .then().statusCode(200).body("imported", equalTo(codes));
        return offerId;
    }

    private static Response grant(String offerId, String customer) {
        return agent().body(Map.of("customerId", customer)).post("/api/offers/" + offerId + "/grants");
    }

    private List<Object[]> grantedCodes(String offerId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                    "select code, customer_id from activation_code where offer_id = :offer and customer_id is not null")
                    .setParameter("offer", UUID.fromString(offerId)).getResultList();
            return rows;
        });
    }

    private static <T> List<T> concurrently(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
