package org.candor.incident.overview;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(SummaryServices.class)
class IncidentOverviewTest {

    @Inject
    CircuitBreakerMaintenance circuitBreakers;

    private String incidentId;
    private String token;

    @BeforeEach
    void declareAnIncidentAndLetEveryServiceAnswer() {
        circuitBreakers.resetAll();
        SummaryServices.SERVERS.values().forEach(server -> {
            if (!server.isRunning()) {
                server.start();
            }
            server.resetAll();
        });
        token = CandorTestResource.token(Roles.INCIDENT_COMMANDER);
        incidentId = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("title", "Credential stuffing against the customer portal", "summary",
                        "Reused passwords were tried at scale.", "severity", "HIGH", "detectedAt",
                        "2026-03-27T14:00:00+01:00", "awareAt", "2026-03-27T16:30:00+01:00"))
                .post("/api/incidents").then().statusCode(201).extract().path("id");
        answer("notification", """
                {"incidentId":"%s","messages":2,"total":2000,"sent":1500,"delivered":1400,"failed":3,
                 "bounced":1,"pending":496,"lastCompletedAt":"2026-03-28T09:00:00Z"}""");
        answer("support", """
                {"incidentId":"%s","openTickets":42,"unassigned":5,"slaAtRisk":4,"slaBreached":2,
                 "oldestOpenSince":"2026-03-28T07:12:00Z","resolvedTickets":17}""");
        answer("compliance", """
                {"incidentId":"%s","openObligations":3,"overdue":0,"filed":1,"notRequired":2,
                 "nextDeadline":{"regime":"GDPR_ART33","recipient":"Lead supervisory authority",
                                 "dueAt":"2026-03-30T15:30:00Z","asap":false}}""");
        answer("feedback", """
                {"incidentId":"%s","responses":120,"trustScore":3.4,"nps":-12.5,"responseRate":0.31,"latestWave":1}""");
    }

    @AfterEach
    void startStoppedServicesAgain() {
        SummaryServices.SERVERS.values().stream().filter(server -> !server.isRunning()).forEach(WireMockServer::start);
    }

    @Test
    void gathersEveryServicesSummary() {
        JsonPath overview = overview().then().statusCode(200).extract().jsonPath();

        assertThat(overview.getString("incident.title")).isEqualTo("Credential stuffing against the customer portal");
        assertThat(overview.getLong("affectedCustomers")).isZero();
        assertThat(overview.getLong("notification.summary.delivered")).isEqualTo(1400);
        assertThat(overview.getLong("support.summary.slaBreached")).isEqualTo(2);
        assertThat(overview.getString("compliance.summary.nextDeadline.regime")).isEqualTo("GDPR_ART33");
        assertThat(overview.getString("compliance.summary.nextDeadline.dueAt")).isEqualTo("2026-03-30T15:30:00Z");
        assertThat(overview.getDouble("feedback.summary.trustScore")).isEqualTo(3.4);
        assertThat(overview.getBoolean("notification.available") && overview.getBoolean("support.available")
                && overview.getBoolean("compliance.available") && overview.getBoolean("feedback.available")).isTrue();
    }

    @Test
    void asksWithTheCallersOwnToken() {
        overview().then().statusCode(200);

        SummaryServices.of("compliance").verify(getRequestedFor(urlEqualTo(summaryPath()))
                .withHeader("Authorization", equalTo("Bearer " + token)));
    }

    @Test
    void aServiceThatIsDownIsMarkedUnavailableAndTheRestIsShown() {
        SummaryServices.of("feedback").stop();

        JsonPath overview = overview().then().statusCode(200).extract().jsonPath();

        assertThat(overview.getBoolean("feedback.available")).isFalse();
        assertThat(overview.getString("feedback.unavailableReason")).isEqualTo("feedback-service is unreachable");
        assertThat(overview.getLong("support.summary.openTickets")).isEqualTo(42);
    }

    @Test
    void aServiceThatIsTooSlowIsMarkedUnavailableWithoutHoldingUpTheAnswer() {
        SummaryServices.of("support").stubFor(get(urlEqualTo(summaryPath()))
                .willReturn(okJson("{}").withFixedDelay(10_000)));

        long started = System.nanoTime();
        JsonPath overview = overview().then().statusCode(200).extract().jsonPath();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(overview.getString("support.unavailableReason")).isEqualTo("support-service did not answer in time");
        assertThat(tookMillis).isLessThan(4_000);
    }

    @Test
    void aServerErrorIsTriedOnceMore() {
        SummaryServices.of("notification").stubFor(get(urlEqualTo(summaryPath()))
                .willReturn(aResponse().withStatus(503)));

        overview().then().statusCode(200).body("notification.unavailableReason",
                org.hamcrest.Matchers.equalTo("notification-service answered HTTP 503"));

        SummaryServices.of("notification").verify(2, getRequestedFor(urlEqualTo(summaryPath())));
    }

    @Test
    void aRefusalIsNotTriedAgain() {
        SummaryServices.of("compliance").stubFor(get(urlEqualTo(summaryPath()))
                .willReturn(aResponse().withStatus(403)));

        overview().then().statusCode(200).body("compliance.summary", nullValue());

        SummaryServices.of("compliance").verify(1, getRequestedFor(urlEqualTo(summaryPath())));
    }

    @Test
    void aServiceThatKeepsFailingIsLeftAloneForAWhile() {
        SummaryServices.of("feedback").stubFor(get(urlEqualTo(summaryPath()))
                .willReturn(aResponse().withStatus(500)));
        overview();
        overview();
        SummaryServices.of("feedback").resetRequests();

        overview().then().statusCode(200).body("feedback.unavailableReason",
                org.hamcrest.Matchers.equalTo("feedback-service is failing; not asked again for a few seconds"));

        SummaryServices.of("feedback").verify(0, getRequestedFor(urlEqualTo(summaryPath())));
    }

    @Test
    void anUnknownIncidentIsNotFound() {
        given().auth().oauth2(token).get("/api/incidents/7a1d3c9e-0000-4000-8000-000000000000/overview")
                .then().statusCode(404);
    }

    @Test
    void supportAgentsMayNotReadTheOverview() {
        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT))
                .get("/api/incidents/" + incidentId + "/overview").then().statusCode(403);
    }

    private io.restassured.response.Response overview() {
        return given().auth().oauth2(token).get("/api/incidents/" + incidentId + "/overview");
    }

    private String summaryPath() {
        return "/api/incidents/" + incidentId + "/summary";
    }

    private void answer(String service, String json) {
        SummaryServices.of(service).stubFor(get(urlEqualTo(summaryPath())).willReturn(okJson(json.formatted(incidentId))));
    }
}
