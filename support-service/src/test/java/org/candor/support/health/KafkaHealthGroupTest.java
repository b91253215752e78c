package org.candor.support.health;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Management;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** With the broker there, the {@code kafka} health group is up, and readiness does not carry Kafka's check. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class KafkaHealthGroupTest {

    @Test
    void theKafkaHealthGroupIsUpWithTheBroker() {
        Management.given().get("/q/health/group/kafka").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka"));
    }

    @Test
    void readinessHasNoKafkaCheck() {
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", org.hamcrest.Matchers.not(hasItem("Kafka")));
    }
}
