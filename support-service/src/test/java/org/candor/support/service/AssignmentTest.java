package org.candor.support.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.openTicket;
import static org.candor.support.TestData.supervisor;
import static org.hamcrest.Matchers.equalTo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class AssignmentTest {

    @Inject
    AssignmentService assignment;

    @Inject
    TicketService tickets;

    @Test
    void roundRobinSkipsAgentsWithoutTheSkillOrWithoutRoom() {
        String skill = "s-" + UUID.randomUUID().toString().substring(0, 8);
        String queue = queueNeeding(skill);
        String first = agentWith("a1-" + skill, 1, List.of(skill));
        String second = agentWith("a2-" + skill, 2, List.of(skill));
        agentWith("a0-" + skill, 5, List.of("other-skill"));

        List<String> assignees = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            assignees.add(agent().get("/api/tickets/" + openTicket(queue)).then().extract().path("assignee"));
        }

        assertThat(assignees).containsExactly(first, second, second, null);
    }

    @Test
    void waitingTicketGoesToTheAgentWhoseTicketWasResolved() {
        String skill = "s-" + UUID.randomUUID().toString().substring(0, 8);
        String queue = queueNeeding(skill);
        String only = agentWith("solo-" + skill, 1, List.of(skill));
        String busy = openTicket(queue);
        String waiting = openTicket(queue);
        agent().get("/api/tickets/" + waiting).then().body("assignee", equalTo(null));

        agent().body(Map.of("status", "RESOLVED")).post("/api/tickets/" + busy + "/status").then().statusCode(200);
        assignment.assignWaiting(queue, 1000, tickets);

        agent().get("/api/tickets/" + waiting).then().body("assignee", equalTo(only));
    }

    @Test
    void concurrentTicketsNeverPushAnAgentOverCapacity() throws Exception {
        String skill = "s-" + UUID.randomUUID().toString().substring(0, 8);
        String queue = queueNeeding(skill);
        List<String> agents = List.of(agentWith("c1-" + skill, 2, List.of(skill)), agentWith("c2-" + skill, 2, List.of(skill)),
                agentWith("c3-" + skill, 2, List.of(skill)));

        ExecutorService pool = Executors.newFixedThreadPool(12);
        List<Callable<String>> opens = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            opens.add(() -> openTicket(queue));
        }
        List<String> ticketIds = new ArrayList<>();
        for (Future<String> result : pool.invokeAll(opens)) {
            ticketIds.add(result.get());
        }
        pool.shutdown();
        assertThat(countPerAgent(ticketIds).values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(2));

        // Tickets that found every agent row locked wait; the round that assigns waiting tickets fills the rest.
        assignment.assignWaiting(queue, 1000, tickets);

        Map<String, Integer> perAgent = countPerAgent(ticketIds);
        assertThat(perAgent).containsOnlyKeys(agents).allSatisfy((agent, count) -> assertThat(count).isEqualTo(2));
        assertThat(ticketIds.stream().filter(id -> assigneeOf(id) == null)).hasSize(6);
    }

    private static Map<String, Integer> countPerAgent(List<String> ticketIds) {
        Map<String, Integer> perAgent = new HashMap<>();
        ticketIds.stream().map(AssignmentTest::assigneeOf).filter(java.util.Objects::nonNull)
                .forEach(assignee -> perAgent.merge(assignee, 1, Integer::sum));
        return perAgent;
    }

    private static String assigneeOf(String ticketId) {
        return agent().get("/api/tickets/" + ticketId).then().statusCode(200).extract().path("assignee");
    }

    @Test
    void manualAssignmentToAnUnknownAgentIsRejectedNamingTheField() {
        String id = openTicket("general");

        agent().body(Map.of("assignee", "nobody-" + UUID.randomUUID())).put("/api/tickets/" + id + "/assignee")
                .then().statusCode(400).body("errors[0].field", equalTo("assignee"));
    }

    private static String queueNeeding(String skill) {
        String queue = "q-" + skill;
        supervisor().body(Map.of("name", "Skilled", "skills", List.of(skill), "timeZone", "UTC", "autoAssign", true))
                .put("/api/queues/" + queue).then().statusCode(200);
        return queue;
    }

    private static String agentWith(String id, int capacity, List<String> skills) {
        supervisor().body(Map.of("capacity", capacity, "skills", skills, "active", true)).put("/api/agents/" + id)
                .then().statusCode(200);
        return id;
    }
}
