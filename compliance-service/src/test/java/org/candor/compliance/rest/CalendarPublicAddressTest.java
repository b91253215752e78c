package org.candor.compliance.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.candor.compliance.Fixtures.officer;

import java.util.Map;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Staff ask for a feed link on their own host, but calendar apps fetch it from outside: with a public address
 * set, the link names that host (where the public Ingress routes {@code /calendar}).
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@TestProfile(CalendarPublicAddressTest.PublicAddress.class)
class CalendarPublicAddressTest {

    public static class PublicAddress implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.compliance.calendar.public-base-url", "https://www.acme.example");
        }
    }

    @Test
    void theFeedLinkNamesThePublicHost() {
        String url = given().auth().oauth2(officer()).post("/api/calendar-links").then().statusCode(200)
                .extract().path("url");

        assertThat(url).matches("https://www\\.acme\\.example/calendar/[^/]+\\.ics");
    }
}
