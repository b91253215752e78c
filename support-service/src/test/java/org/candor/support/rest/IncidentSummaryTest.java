package org.candor.support.rest;

import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.as;
import static org.candor.support.TestData.openTicket;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.platform.security.Roles;
import org.candor.support.MutableClock;
import org.candor.support.TestData;
import org.candor.support.service.SlaService;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The support desk's numbers per incident, as incident-service's overview reads them. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class IncidentSummaryTest {

    @Inject
    MutableClock clock;

    @Inject
    SlaService sla;

    @Test
    void countsOpenUnassignedAtRiskBreachedAndResolvedTicketsOfTheIncident() {
        UUID incidentId = TestData.declareIncident(clock.instant());
        UUID otherIncident = TestData.declareIncident(clock.instant());
        // A 24/7 queue without round-robin, so that only the test assigns tickets.
        String queue = "summary-" + UUID.randomUUID().toString().substring(0, 8);
        supervisor().body(Map.of("name", "Summary", "timeZone", "UTC", "autoAssign", false)).put("/api/queues/" + queue)
                .then().statusCode(200);

        Instant oldest = clock.instant();
        String breaching = open(queue, "URGENT", incidentId);
        String atRisk = open(queue, "HIGH", incidentId);
        String assigned = open(queue, "LOW", incidentId);
        String agentId = "summary-agent-" + UUID.randomUUID();
        supervisor().body(Map.of("capacity", 1, "active", true)).put("/api/agents/" + agentId).then().statusCode(200);
        agent().body(Map.of("assignee", agentId)).put("/api/tickets/" + assigned + "/assignee").then().statusCode(200);
        // Out of the round-robin again, so that other queues' tickets do not go to this agent.
        supervisor().body(Map.of("capacity", 1, "active", false)).put("/api/agents/" + agentId).then().statusCode(200);
        String resolved = open(queue, "LOW", incidentId);
        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + resolved + "/status").then().statusCode(200);
        String closed = open(queue, "LOW", incidentId);
        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + closed + "/status").then().statusCode(200);
        agent().body(Map.of("status", "CLOSED")).post("/api/tickets/" + closed + "/status").then().statusCode(200);
        open(queue, "URGENT", otherIncident);

        // URGENT: first response within 15 min (breached at 50); HIGH: 60 min, at risk from 48.
        clock.advance(Duration.ofMinutes(50));
        checkAllDue();
        agent().get("/api/tickets/" + breaching).then().body("sla.breached", equalTo(true));
        agent().get("/api/tickets/" + atRisk).then().body("sla.atRisk", equalTo(true));

        as("commander-1", Roles.INCIDENT_COMMANDER).get("/api/incidents/" + incidentId + "/summary").then()
                .statusCode(200)
                .body("incidentId", equalTo(incidentId.toString()))
                .body("openTickets", equalTo(3))
                .body("unassigned", equalTo(2))
                .body("slaAtRisk", equalTo(1))
                .body("slaBreached", equalTo(1))
                .body("oldestOpenSince", equalTo(oldest.toString()))
                .body("resolvedTickets", equalTo(2));
    }

    @Test
    void incidentNotSeenYetHasZeroCounts() {
        UUID unknown = UUID.randomUUID();

        as("analyst-1", Roles.ANALYST).get("/api/incidents/" + unknown + "/summary").then().statusCode(200)
                .body("incidentId", equalTo(unknown.toString()))
                .body("openTickets", equalTo(0))
                .body("unassigned", equalTo(0))
                .body("slaAtRisk", equalTo(0))
                .body("slaBreached", equalTo(0))
                .body("oldestOpenSince", nullValue())
                .body("resolvedTickets", equalTo(0));
    }

    @Test
    void supportAgentMayNotReadTheSummary() {
        agent().get("/api/incidents/" + UUID.randomUUID() + "/summary").then().statusCode(403);
    }

    @Test
    void analystMayNotListTheIncidentsThemselves() {
        as("analyst-1", Roles.ANALYST).get("/api/incidents").then().statusCode(403);
    }

    private void checkAllDue() {
        // Tickets of other tests may fall due at the same time; a batch at a time until nothing crosses.
        for (int round = 0; round < 100 && sla.checkDue() > 0; round++) {
            // next batch
        }
    }

    private static String open(String queue, String priority, UUID incidentId) {
        return openTicket(agent(), Map.of("channel", "HOTLINE", "queue", queue, "priority", priority,
                "subject", "Is my account safe?", "locale", "en", "incidentId", incidentId.toString()))
                .then().statusCode(201).extract().path("id");
    }
}
