package org.candor.support.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The contact form's limit per real client: past it 429 with Retry-After, and a forged X-Forwarded-For buys nothing. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@TestProfile(ContactFormRateLimitTest.TwoPerMinute.class)
class ContactFormRateLimitTest {

    /** Two forms per client and minute; the only trusted proxy is 127.0.0.2, so the test client is not one. */
    public static class TwoPerMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("%test.candor.support.contact.max-submissions-per-minute", "2",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.2");
        }
    }

    @jakarta.inject.Inject
    javax.sql.DataSource dataSource;

    @Test
    void aClientPastItsLimitIsToldWhenToComeBackEvenUnderAnotherForwardedAddress() throws Exception {
        // The database outlives the other tests' application, whose bucket for this client had their larger limit.
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.executeUpdate("delete from rate_limit_bucket where id like 'contact-form%'");
        }
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", "limit-" + UUID.randomUUID() + "@example.org", "subject", "Hello " + i,
                            "message", "Hello"))
                    .post("/contact/messages").then().statusCode(201);
        }

        // The test client (127.0.0.1) is not a trusted proxy: the header it sends does not make it another client.
        String retryAfter = given().contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113.77")
                .body(Map.of("email", "limit@example.org", "subject", "Hello", "message", "Hello"))
                .post("/contact/messages").then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);

        given().contentType(ContentType.URLENC).accept(ContentType.HTML).formParam("lang", "de")
                .formParam("email", "limit@example.org").formParam("subject", "Hallo").formParam("message", "Hallo")
                .post("/contact").then().statusCode(429)
                .contentType(containsString("text/html"))
                .body(containsString("Zu viele Nachrichten von Ihrer Verbindung"))
                .body(containsString("value=\"Hallo\""));
    }
}
