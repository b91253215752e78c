package org.candor.support.rest;

import static io.restassured.RestAssured.given;

import java.time.Duration;

import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.JwtIssuer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Staff tokens are accepted only from the configured issuer, for the Candor audience, and until they expire. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class StaffTokenTest {

    @Test
    void aTokenFromTheIssuerForTheCandorAudienceIsAccepted() {
        String token = CandorTestResource.jwt().token(JwtIssuer.ISSUER, JwtIssuer.AUDIENCE, "agent-1", Duration.ofMinutes(5),
                Roles.SUPPORT_AGENT);

        given().auth().oauth2(token).get("/api/queues").then().statusCode(200);
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String token = CandorTestResource.jwt().token(JwtIssuer.ISSUER, "payroll", "agent-1", Duration.ofMinutes(5),
                Roles.SUPPORT_AGENT);

        given().auth().oauth2(token).get("/api/queues").then().statusCode(401);
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        String token = CandorTestResource.jwt().token("https://login.elsewhere.test/issuer", JwtIssuer.AUDIENCE, "agent-1",
                Duration.ofMinutes(5), Roles.SUPPORT_AGENT);

        given().auth().oauth2(token).get("/api/queues").then().statusCode(401);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = CandorTestResource.jwt().expiredToken("agent-1", Roles.SUPPORT_AGENT);

        given().auth().oauth2(token).get("/api/queues").then().statusCode(401);
    }
}
