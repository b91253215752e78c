package org.candor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
        Map<String, String> urls = new LinkedHashMap<>();
        suite.services().forEach(service -> urls.put(service.spec().name(), service.baseUrl()));

        Demo.Result result = new Demo(suite.jwt(), urls).run(Duration.ofSeconds(60));

        assertThat(result.arrivals()).containsOnlyKeys("notification-service", "support-service",
                "compliance-service", "feedback-service");
        result.arrivals().forEach((service, arrival) ->
                System.out.printf("[candor-it] %s recorded the incident after %d ms%n", service, arrival.toMillis()));
    }
}
