package org.candor.support.outbox;

import static org.awaitility.Awaitility.await;
import static org.candor.support.TestData.header;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.CloudEventHeaders;
import org.candor.contracts.Topics;
import org.candor.support.service.CustomerContact;
import org.candor.support.service.Notifications;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code candor.outbox.personal-data-retention} set, a published row carrying contact details is kept that long. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@TestProfile(OutboxPersonalDataRetentionTest.KeptAnHour.class)
class OutboxPersonalDataRetentionTest {

    public static class KeptAnHour implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.outbox.personal-data-retention", "PT1H");
        }
    }

    @Inject
    Notifications notifications;

    @Inject
    EntityManager entityManager;

    @Test
    void aPublishedNotificationRequestIsKeptMarkedPublishedForTheConfiguredTime() {
        String idempotencyKey = "outbox-kept-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> notifications.toContact(idempotencyKey, "chat-verification-code",
                new CustomerContact(CustomerContact.PHONE, "+4915100000077"), "de", Map.of("code", "654321"), true,
                Instant.now()));

        ConsumerRecord<String, String> published = TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS,
                record -> record.value() != null && record.value().contains(idempotencyKey), Duration.ofSeconds(30));
        UUID rowId = UUID.fromString(header(published, CloudEventHeaders.ID));

        await().atMost(Duration.ofSeconds(30)).until(() -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from outbox_event where id = :id and published_at is not null")
                .setParameter("id", rowId).getSingleResult()).longValue()) == 1);
    }
}
