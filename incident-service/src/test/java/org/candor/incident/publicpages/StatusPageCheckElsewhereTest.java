package org.candor.incident.publicpages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Where notification-service's message check is on another host (each service on its own port, as in a local
 * run), the status page's form leads there and its Content-Security-Policy lets the browser send it there.
 */
@QuarkusTest
@TestProfile(StatusPageCheckElsewhereTest.CheckOnItsOwnHost.class)
@WithTestResource(CandorTestResource.class)
class StatusPageCheckElsewhereTest {

    public static class CheckOnItsOwnHost implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.incident.message-check-url", "http://127.0.0.1:18082/check");
        }
    }

    @Test
    void theCheckFormGoesToTheOtherHostAndThePolicyAllowsIt() {
        Response page = given().get("/status?lang=en");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body().asString()).contains("<form method=\"get\" action=\"http://127.0.0.1:18082/check\">");
        assertThat(page.header("Content-Security-Policy")).contains("form-action 'self' http://127.0.0.1:18082;")
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
    }
}
