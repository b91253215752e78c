package org.candor.support.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.as;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.platform.security.Roles;
import org.candor.support.MutableClock;
import org.candor.support.TestData;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Four eyes on money: who may decide a compensation claim, for whom it may be made, and what needs a supervisor. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class CompensationClaimRulesTest {

    @Inject
    MutableClock clock;

    @Inject
    EntityManager entityManager;

    @Test
    void whoeverSubmittedAClaimCannotDecideIt() {
        String agent = "agent-" + UUID.randomUUID();
        Affected affected = affectedCustomer();
        String claimId = submit(agent, affected, "OTHER", "90.00", "EUR").statusCode(201).extract().path("id");

        as(agent, Roles.SUPPORT_AGENT).body(Map.of("decision", "APPROVED")).post("/api/claims/" + claimId + "/decision")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("someone other than who submitted it"));
        as(agent, Roles.SUPPORT_AGENT).get("/api/claims/" + claimId).then().body("status", equalTo("SUBMITTED"));
    }

    @Test
    void aSupervisorCannotApproveTheirOwnClaimEither() {
        Affected affected = affectedCustomer();
        String claimId = submit("supervisor-1", affected, "OTHER", "2000.00", "EUR", Roles.SUPPORT_SUPERVISOR)
                .statusCode(201).body("status", equalTo("PENDING_APPROVAL")).extract().path("id");

        supervisor().body(Map.of("decision", "APPROVED")).post("/api/claims/" + claimId + "/decision")
                .then().statusCode(403);
        as("supervisor-2", Roles.SUPPORT_SUPERVISOR).body(Map.of("decision", "APPROVED"))
                .post("/api/claims/" + claimId + "/decision").then().statusCode(200).body("decidedBy", equalTo("supervisor-2"));
    }

    @Test
    void aClaimForACustomerTheIncidentDidNotAffectIsRefusedNamingTheCustomer() {
        Affected affected = affectedCustomer();

        submit("agent-1", new Affected(affected.incidentId(), "C-" + UUID.randomUUID()), "OTHER", "50.00", "EUR")
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("customerId"));
    }

    @Test
    void aClaimNamingNoIncidentIsRefused() {
        Affected affected = affectedCustomer();
        Map<String, Object> body = body(affected, "OTHER", "50.00", "EUR");
        body.remove("incidentId");

        as("agent-1", Roles.SUPPORT_AGENT).body(body).post("/api/claims").then().statusCode(400)
                .body("errors[0].field", equalTo("incidentId"));
    }

    @Test
    void aCurrencyWithoutAThresholdIsRefusedNamingTheCurrency() {
        submit("agent-1", affectedCustomer(), "OTHER", "50.00", "JPY").statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("currency"))
                .body("errors[0].message", containsString("EUR"));
    }

    @Test
    void theThresholdIsTheOneOfTheClaimsCurrency() {
        // 480 is below the EUR threshold (500) and above the GBP one (450).
        submit("agent-1", affectedCustomer(), "OTHER", "480.00", "EUR").statusCode(201).body("status", equalTo("SUBMITTED"));
        submit("agent-1", affectedCustomer(), "OTHER", "480.00", "GBP").statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL"));
    }

    @Test
    void aSecondOpenClaimOfTheSameKindIsAConflict() {
        Affected affected = affectedCustomer();
        submit("agent-1", affected, "EXPENSES", "40.00", "EUR").statusCode(201);

        submit("agent-2", affected, "EXPENSES", "45.00", "EUR").statusCode(409).body("errors[0].field", equalTo("kind"));
    }

    @Test
    void claimsThatTogetherPassTheThresholdNeedASupervisor() {
        Affected affected = affectedCustomer();
        String first = submit("agent-1", affected, "EXPENSES", "300.00", "EUR").statusCode(201)
                .body("status", equalTo("SUBMITTED")).extract().path("id");
        as("agent-2", Roles.SUPPORT_AGENT).body(Map.of("decision", "APPROVED")).post("/api/claims/" + first + "/decision")
                .then().statusCode(200);

        String second = submit("agent-1", affected, "FRAUD_LOSS", "300.00", "EUR").statusCode(201)
                .body("status", equalTo("PENDING_APPROVAL")).extract().path("id");
        as("agent-2", Roles.SUPPORT_AGENT).body(Map.of("decision", "APPROVED")).post("/api/claims/" + second + "/decision")
                .then().statusCode(403);
    }

    @Test
    void aRecordedActivationKeepsWhoRecordedIt() {
        Affected affected = affectedCustomer();
        String offerId = supervisor().body(Map.of("incidentId", affected.incidentId(), "kind", "CREDIT_MONITORING",
                "name", "Credit monitoring", "provider", "Acme Credit", "validMonths", 12))
                .post("/api/offers").then().statusCode(201).extract().path("id");
        String code = "CODE-" + UUID.randomUUID();
        supervisor().contentType("text/csv").body("code\n" + code + "\n").post("/api/offers/" + offerId + "/codes")
                .then().statusCode(200);
        as("agent-1", Roles.SUPPORT_AGENT).body(Map.of("customerId", affected.customerId()))
                .post("/api/offers/" + offerId + "/grants").then().statusCode(201);

        as("agent-7", Roles.SUPPORT_AGENT).body(Map.of("code", code)).post("/api/offers/" + offerId + "/activations")
                .then().statusCode(204);
        as("agent-8", Roles.SUPPORT_AGENT).body(Map.of("code", code)).post("/api/offers/" + offerId + "/activations")
                .then().statusCode(204);

        Object recordedBy = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery(
                "select activated_by from activation_code where code = :code").setParameter("code", code).getSingleResult());
        assertThat(recordedBy).isEqualTo("agent-7");
    }

    private record Affected(UUID incidentId, String customerId) {
    }

    private Affected affectedCustomer() {
        UUID incidentId = TestData.declareIncident(clock.instant());
        String customer = "C-" + UUID.randomUUID();
        TestData.sendAffected(incidentId, customer, "de");
        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from affected_customer where incident_id = :incident")
                .setParameter("incident", incidentId).getSingleResult()).intValue()) == 1);
        return new Affected(incidentId, customer);
    }

    private static Map<String, Object> body(Affected affected, String kind, String amount, String currency) {
        Map<String, Object> body = new HashMap<>();
        body.put("customerId", affected.customerId());
        body.put("incidentId", affected.incidentId());
        body.put("kind", kind);
        body.put("amount", amount);
        body.put("currency", currency);
        body.put("reason", "Costs after the breach");
        return body;
    }

    private static ValidatableResponse submit(String user, Affected affected, String kind, String amount, String currency) {
        return submit(user, affected, kind, amount, currency, Roles.SUPPORT_AGENT);
    }

    private static ValidatableResponse submit(String user, Affected affected, String kind, String amount, String currency,
            String role) {
        return as(user, role).body(body(affected, kind, amount, currency)).post("/api/claims").then();
    }
}
