package org.candor.incident.publicpages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.candor.testsupport.CandorTestResource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** The first rendering of the status page after a start, while PostgreSQL is slow to answer it. */
@QuarkusTest
@TestProfile(StatusPageFirstRenderTest.FreshStart.class)
@WithTestResource(CandorTestResource.class)
class StatusPageFirstRenderTest {

    /** A profile of its own, so that this class starts with nothing rendered yet. */
    public static class FreshStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.incident.status-page.version-check-interval", "1h");
        }
    }

    @Test
    void aReaderWhoGivesUpOnTheFirstRenderingDoesNotFailTheNextOne() throws Exception {
        Config config = ConfigProvider.getConfig();
        HttpClient http = HttpClient.newHttpClient();
        try (Connection locker = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.datasource.username", String.class),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(""))) {
            // The rendering reads the content version first: it waits for this lock as for a database in trouble.
            locker.setAutoCommit(false);
            try (Statement statement = locker.createStatement()) {
                statement.execute("LOCK TABLE public_status_version IN ACCESS EXCLUSIVE MODE");
            }
            assertThatThrownBy(() -> http.send(page(Duration.ofSeconds(1)), HttpResponse.BodyHandlers.discarding()))
                    .isInstanceOf(HttpTimeoutException.class);
            Thread.sleep(500);

            CompletableFuture<HttpResponse<String>> patient = http.sendAsync(page(Duration.ofSeconds(20)),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(500);
            locker.rollback();

            assertThat(patient.get().statusCode()).as(patient.get().body()).isEqualTo(200);
        }
    }

    private static HttpRequest page(Duration timeout) {
        return HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/status?lang=en"))
                .timeout(timeout).build();
    }
}
