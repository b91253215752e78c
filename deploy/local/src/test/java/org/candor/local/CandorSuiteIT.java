package org.candor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** All five packaged services against one real Kafka broker and one real PostgreSQL server. */
class CandorSuiteIT {

    private static Suite suite;

    @BeforeAll
    static void startSuite() throws Exception {
        Path root = Path.of(System.getProperty("candor.root", "../..")).toAbsolutePath().normalize();
        suite = new Suite(root, Files.createTempDirectory("candor-suite-it"), Suite.Ports.free())
                .startInfrastructure()
                .startServices(ServiceSpec.ALL);
        for (ServiceProcess service : suite.services()) {
            System.out.printf("[candor-it] %s ready in %d ms, %d MiB resident%n", service.spec().name(),
                    service.startupTime().toMillis(), service.residentMemoryMiB());
        }
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void incidentDeclaredOnIncidentServiceIsRecordedByTheOtherFour() throws Exception {
        Demo.Result result = declareAndAwaitEveryService();

        assertThat(result.arrivals()).containsOnlyKeys("notification-service", "support-service",
                "compliance-service", "feedback-service");
        result.arrivals().forEach((service, arrival) ->
                System.out.printf("[candor-it] %s recorded the incident after %d ms%n", service, arrival.toMillis()));
    }

    @Test
    void theOverviewGathersTheOtherFourServicesSummaries() throws Exception {
        Demo.Result result = declareAndAwaitEveryService();

        JsonNode overview = overview(result.incidentId());

        for (String part : new String[] { "notification", "support", "compliance", "feedback" }) {
            assertThat(overview.path(part).path("available").asBoolean()).as(part).isTrue();
            assertThat(overview.path(part).path("summary").path("incidentId").asText()).as(part).isEqualTo(result.incidentId());
        }
    }

    @Test
    void theOverviewStillAnswersWhenAServiceIsDown() throws Exception {
        Demo.Result result = declareAndAwaitEveryService();
        suite.stopService("feedback-service");
        try {
            JsonNode overview = overview(result.incidentId());

            assertThat(overview.path("feedback").path("available").asBoolean()).isFalse();
            assertThat(overview.path("feedback").path("unavailableReason").asText()).isEqualTo("feedback-service is unreachable");
            assertThat(overview.path("support").path("available").asBoolean()).isTrue();
        } finally {
            suite.startService(ServiceSpec.named("feedback-service"));
        }
    }

    private static Demo.Result declareAndAwaitEveryService() throws Exception {
        Map<String, String> urls = new LinkedHashMap<>();
        suite.services().forEach(service -> urls.put(service.spec().name(), service.baseUrl()));
        return new Demo(suite.jwt(), urls).run(Duration.ofSeconds(60));
    }

    private static JsonNode overview(String incidentId) throws Exception {
        String token = suite.jwt().token("it-analyst", Duration.ofMinutes(10), "analyst");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                suite.service("incident-service").baseUrl() + "/api/incidents/" + incidentId + "/overview"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }
}
