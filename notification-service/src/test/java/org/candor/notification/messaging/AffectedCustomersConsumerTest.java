package org.candor.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.EventCatalog;
import org.candor.contracts.Topics;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Affected customers arrive in batches; a bad record in a batch costs only itself. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class AffectedCustomersConsumerTest {

    private static final int PARTITION = 0;

    @Test
    void aBadRecordAmongGoodOnesGoesAloneToTheDeadLetterTopic() {
        UUID incident = UUID.randomUUID();
        String before = Fixtures.uniqueId("BEFORE");
        String after = Fixtures.uniqueId("AFTER");
        String badKey = "bad-" + UUID.randomUUID();
        String badId = Fixtures.uniqueId("BAD");

        added(incident, before, UUID.randomUUID());
        // A well-formed CloudEvent whose data is not a valid affected customer.
        TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, PARTITION, badKey, UUID.randomUUID(), AffectedCustomerAdded.TYPE,
                "{\"incidentId\":\"" + incident + "\",\"customer\":{\"customerId\":\"" + badId + "\"},\"addedAt\":\"not a time\"}");
        added(incident, after, UUID.randomUUID());

        await().atMost(WAIT).until(() -> Fixtures.inTx(() -> Recipient.count("id in ?1", java.util.List.of(before, after))) == 2);
        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(Topics.deadLetter("notification"),
                r -> badKey.equals(r.key()), WAIT);
        assertThat(new String(dead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.AFFECTED_CUSTOMERS);
        assertThat(dead.headers().lastHeader("dead-letter-reason")).isNotNull();
        assertThat(dead.headers().lastHeader("ce_type")).isNotNull();
        assertThat(Fixtures.inTx(() -> Recipient.count("id", badId))).isZero();
    }

    private static void added(UUID incident, String customerId, UUID eventId) {
        AffectedCustomerAdded event = new AffectedCustomerAdded(incident, Fixtures.customer(customerId, "en", "GB", true, false),
                Instant.now());
        TestEvents.sendCloudEvent(Topics.AFFECTED_CUSTOMERS, PARTITION, incident.toString(), eventId,
                EventCatalog.of(AffectedCustomerAdded.class).type(), Fixtures.json(event));
    }
}
