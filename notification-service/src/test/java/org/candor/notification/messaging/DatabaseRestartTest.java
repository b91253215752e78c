package org.candor.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.candor.contracts.EventCatalog;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.platform.messaging.ConsumerRetry;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.Infrastructure;
import org.candor.testsupport.TestEvents;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * PostgreSQL restarts (stops and starts, as in a failover) while the affected-customer consumer is
 * in the middle of its batches: the consumer waits and retries in place, and afterwards every
 * customer is there once and nothing went to the dead-letter topic.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class DatabaseRestartTest {

    private static final int CUSTOMERS = 10_000;
    private static final Duration APPLIED = Duration.ofMinutes(3);

    @Inject
    ConsumerRetry retry;

    @Test
    void aRestartMidBatchAppliesEveryEventOnceAndDeadLettersNone() {
        Infrastructure infrastructure = Infrastructure.get();
        Assumptions.assumeTrue(infrastructure.canRestartPostgres(), "needs the in-process PostgreSQL server");
        UUID incident = UUID.randomUUID();
        List<UUID> eventIds = new ArrayList<>(CUSTOMERS);
        List<TestEvents.Event> events = new ArrayList<>(CUSTOMERS);
        String type = EventCatalog.of(AffectedCustomerAdded.class).type();
        for (int i = 0; i < CUSTOMERS; i++) {
            UUID eventId = UUID.randomUUID();
            eventIds.add(eventId);
            AffectedCustomerAdded added = new AffectedCustomerAdded(incident,
                    Fixtures.customer(Fixtures.uniqueId("RESTART"), "en", "GB", true, false), Instant.now());
            events.add(new TestEvents.Event(incident.toString(), eventId, type, Fixtures.json(added)));
        }
        TestEvents.sendCloudEvents(Topics.AFFECTED_CUSTOMERS, 0, events);

        await().atMost(APPLIED).pollInterval(Duration.ofMillis(20)).until(() -> recipientsOf(incident) > 0);
        long beforeRestart = recipientsOf(incident);
        infrastructure.stopPostgres();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> !retry.waiting().isEmpty());
        } finally {
            infrastructure.startPostgres();
        }

        await().atMost(APPLIED).until(() -> recipientsOf(incident) == CUSTOMERS);
        assertThat(beforeRestart).as("customers applied before the restart").isBetween(1L, CUSTOMERS - 1L);
        assertThat(inboxRowsOf(eventIds)).isEqualTo(CUSTOMERS);
        await().atMost(Duration.ofSeconds(30)).until(() -> retry.waiting().isEmpty());
        String key = incident.toString();
        assertThat(TestKafka.readAll(Topics.deadLetter("notification")).stream().filter(r -> key.equals(r.key())))
                .isEmpty();
    }

    private static long recipientsOf(UUID incident) {
        return Fixtures.inTx(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("select count(*) from incident_recipient where incident_id = :incident")
                .setParameter("incident", incident).getSingleResult()).longValue());
    }

    private static long inboxRowsOf(List<UUID> eventIds) {
        Set<String> ids = eventIds.stream().map(UUID::toString).collect(Collectors.toSet());
        return Fixtures.inTx(() -> ((Number) Panache.getEntityManager()
                .createNativeQuery("select count(*) from inbox_event i join"
                        + " unnest(cast(:ids as uuid[])) as sent(id) on i.event_id = sent.id")
                .setParameter("ids", "{" + String.join(",", ids) + "}").getSingleResult()).longValue());
    }
}
