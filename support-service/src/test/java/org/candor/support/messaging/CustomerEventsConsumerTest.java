package org.candor.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.header;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.CustomerErased;
import org.candor.contracts.feedback.FollowUpRequested;
import org.candor.support.TestData;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class CustomerEventsConsumerTest {

    private static final int PARTITION = 0;

    @Test
    void followUpRequestOpensOneHighPriorityCallbackTicketEvenWhenRedelivered() {
        String customer = "C-" + UUID.randomUUID();
        UUID eventId = UUID.randomUUID();
        String followUp = followUpJson(customer);

        TestEvents.sendCloudEvent(Topics.FEEDBACK_EVENTS, PARTITION, customer, eventId, FollowUpRequested.TYPE, followUp);
        TestEvents.sendCloudEvent(Topics.FEEDBACK_EVENTS, PARTITION, customer, eventId, FollowUpRequested.TYPE, followUp);
        String later = "C-" + UUID.randomUUID();
        TestEvents.sendCloudEvent(Topics.FEEDBACK_EVENTS, PARTITION, later, UUID.randomUUID(), FollowUpRequested.TYPE,
                followUpJson(later));

        await().atMost(Duration.ofSeconds(30)).until(() -> ticketsOf(later).size() == 1);
        List<Map<String, Object>> tickets = ticketsOf(customer);
        assertThat(tickets).hasSize(1);
        assertThat(tickets.get(0)).containsEntry("priority", "HIGH").containsEntry("channel", "HOTLINE")
                .containsEntry("locale", "de");
    }

    @Test
    void followUpPublishedAgainUnderANewEventIdOpensNoSecondTicket() {
        String customer = "C-" + UUID.randomUUID();
        String followUp = followUpJson(customer);

        TestEvents.sendCloudEvent(Topics.FEEDBACK_EVENTS, PARTITION, customer, UUID.randomUUID(), FollowUpRequested.TYPE, followUp);
        TestEvents.sendCloudEvent(Topics.FEEDBACK_EVENTS, PARTITION, customer, UUID.randomUUID(), FollowUpRequested.TYPE, followUp);
        String later = "C-" + UUID.randomUUID();
        TestEvents.sendCloudEvent(Topics.FEEDBACK_EVENTS, PARTITION, later, UUID.randomUUID(), FollowUpRequested.TYPE,
                followUpJson(later));

        await().atMost(Duration.ofSeconds(30)).until(() -> ticketsOf(later).size() == 1);
        assertThat(ticketsOf(customer)).hasSize(1);
    }

    @Test
    void erasedCustomerDisappearsFromTheirTickets() {
        String customer = "C-" + UUID.randomUUID();
        String ticketId = TestData.openTicket(agent(), Map.of("channel", "EMAIL", "queue", "general", "subject",
                "Delete my data", "locale", "en", "customerId", customer, "description", "My IBAN is DE00 1234"))
                .then().statusCode(201).extract().path("id");

        TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, PARTITION, customer, UUID.randomUUID(), CustomerErased.TYPE,
                "{\"customerId\":\"" + customer + "\",\"erasedAt\":\"" + Instant.now() + "\"}");

        await().atMost(Duration.ofSeconds(30)).until(() -> ticketsOf(customer).isEmpty());
        agent().get("/api/tickets/" + ticketId).then().body("customerId", equalTo(null));
        agent().get("/api/tickets/" + ticketId + "/messages").then().body("[0].body", equalTo("[erased]"));
    }

    @Test
    void followUpBreakingItsSchemaGoesToTheDeadLetterTopic() {
        String key = "C-" + UUID.randomUUID();

        TestEvents.sendCloudEvent(Topics.FEEDBACK_EVENTS, PARTITION, key, UUID.randomUUID(), FollowUpRequested.TYPE,
                "{\"followUpId\":\"" + UUID.randomUUID() + "\"}");

        ConsumerRecord<String, String> deadLetter = TestKafka.awaitRecord(Topics.deadLetter("support"),
                r -> key.equals(r.key()), Duration.ofSeconds(30));
        assertThat(header(deadLetter, "dead-letter-reason")).contains("schema");
    }

    private static List<Map<String, Object>> ticketsOf(String customer) {
        return new JsonPath(agent().queryParam("customerId", customer).get("/api/tickets").then().statusCode(200)
                .extract().asString()).getList("items");
    }

    private static String followUpJson(String customer) {
        return "{\"followUpId\":\"" + UUID.randomUUID() + "\",\"surveyId\":\"" + UUID.randomUUID()
                + "\",\"incidentId\":null,\"customerId\":\"" + customer + "\",\"locale\":\"de\",\"scoreKind\":\"NPS\","
                + "\"score\":3,\"requestedAt\":\"" + Instant.now() + "\"}";
    }
}
