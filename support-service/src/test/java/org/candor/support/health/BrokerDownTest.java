package org.candor.support.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.support.TestData.agent;
import static org.candor.support.TestData.openTicket;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.testsupport.Management;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * With no Kafka broker the service stays ready (readiness needs PostgreSQL only), says so in its
 * {@code kafka} health group, and the ticket API still answers: the events wait in the outbox.
 */
@QuarkusTest
@WithTestResource(BrokerDownTestResource.class)
class BrokerDownTest {

    @Inject
    EntityManager entityManager;

    @Test
    void readinessStaysUpWithoutABroker() {
        Management.given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theKafkaHealthGroupIsDownWithoutABroker() {
        Management.given().get("/q/health/group/kafka").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    @Test
    void aTicketOpenedWithoutABrokerWaitsInTheOutbox() {
        String id = openTicket(agent(), Map.of("channel", "HOTLINE", "queue", "breach-hotline", "subject",
                "Was my data stolen?", "locale", "de")).then().statusCode(201).extract().path("id");

        long waiting = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where aggregate_id = :id and published_at is null")
                .setParameter("id", UUID.fromString(id).toString()).getSingleResult()).longValue());
        assertThat(waiting).isPositive();
    }
}
