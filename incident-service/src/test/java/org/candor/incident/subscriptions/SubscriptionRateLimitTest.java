package org.candor.incident.subscriptions;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SubscriptionRateLimitTest.ThreePerMinute.class)
@WithTestResource(CandorTestResource.class)
class SubscriptionRateLimitTest {

    public static class ThreePerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.incident.subscription-requests-per-minute", "3");
        }
    }

    @Test
    void aClientSendingTooManyRequestsIsToldToWait() {
        for (int i = 0; i < 3; i++) {
            given().formParam("email", "burst-" + UUID.randomUUID() + "@example.org").post("/status/subscriptions")
                    .then().statusCode(202);
        }

        given().formParam("email", "burst-" + UUID.randomUUID() + "@example.org").post("/status/subscriptions")
                .then().statusCode(429);
    }
}
