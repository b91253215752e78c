package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Management;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The fan-out backlog gauges count deliveries that are due and waiting, not those waiting for a later time,
 * and say how long the oldest has waited. An API-only instance (no workers) keeps the rows where they are.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
@TestProfile(DeliveryBacklogMetricsTest.NoWorkers.class)
class DeliveryBacklogMetricsTest {

    public static class NoWorkers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.notification.workers-enabled", "false",
                    "candor.notification.backlog-metrics-interval", "1h");
        }
    }

    @Inject
    DeliveryBacklogMetrics metrics;

    @Test
    void dueDeliveriesAreCountedAndTheOldestWaitIsReported() {
        metrics.refresh();
        long before = metrics.queued();
        UUID message = message();
        queued(message, Instant.now().minusSeconds(120));
        queued(message, Instant.now().minusSeconds(30));
        queued(message, Instant.now().minusSeconds(5));
        // Not due yet (an SMS waiting for the end of quiet hours): no backlog to scale for.
        queued(message, Instant.now().plus(Duration.ofHours(8)));

        metrics.refresh();

        assertThat(metrics.queued() - before).isEqualTo(3);
        assertThat(metrics.oldestSeconds()).isGreaterThanOrEqualTo(120);
    }

    @Test
    void theGaugesAreExportedForPrometheus() {
        metrics.refresh();

        String exported = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(exported).contains("candor_notification_deliveries_queued ")
                .contains("candor_notification_deliveries_queued_oldest_seconds ");
    }

    private static UUID message() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "insert into message (id, source_key, message_type, audience, requested_by, content, mandatory, urgent,"
                        + " published_at, created_at) values (:id, :key, 'support-reply', 'DIRECT', 'support-service',"
                        + " '{}'::jsonb, false, false, now(), now())")
                .setParameter("id", id).setParameter("key", "request:backlog-test:" + id).executeUpdate());
        return id;
    }

    private static void queued(UUID message, Instant due) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager().createNativeQuery(
                "insert into delivery (id, message_id, address, channel, locale, status, attempts, next_attempt_at)"
                        + " values (:id, :message, 'backlog@example.org', 'EMAIL', 'en', 'QUEUED', 0, :due)")
                .setParameter("id", UUID.randomUUID()).setParameter("message", message).setParameter("due", due)
                .executeUpdate());
    }
}
