package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.notification.domain.Channel;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.service.DeliveryStore.Claimed;
import org.candor.notification.service.DeliveryStore.Outcome;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A worker that stalls while a provider takes a message (a long GC pause, a starved machine) can
 * outlive its lease: recovery queues the delivery again. When the hand-off then completes, the
 * message was accepted, and it must be recorded as sent rather than sent a second time.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class StalledHandOffTest {

    @Inject
    DeliveryStore store;

    @Inject
    EntityManager entityManager;

    @Test
    void aHandOffThatOutlivedItsLeaseIsRecordedSentAndNotQueuedAgain() {
        Instant lease = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        Claimed claim = claimedDelivery(lease);
        store.recoverExpiredLeases();
        assertThat(status(claim.id())).isEqualTo(DeliveryStatus.QUEUED);

        store.record(List.of(new Outcome(claim, Outcome.Kind.SENT, "smtp", "<" + claim.id() + "@notification.candor.local>",
                null, Instant.now(), null)));

        assertThat(status(claim.id())).isEqualTo(DeliveryStatus.SENT);
    }

    /**
     * A direct email a worker claimed and is still handing over, whose lease has run out; due only
     * tomorrow once queued again, so that no worker of this test's service takes it meanwhile.
     */
    private Claimed claimedDelivery(Instant lease) {
        UUID messageId = UUID.randomUUID();
        UUID deliveryId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("insert into message (id, source_key, message_type, audience, requested_by,"
                    + " content, mandatory, urgent, published_at, created_at) values (:id, :key, 'support-reply', 'DIRECT',"
                    + " 'support-service', '{}'::jsonb, false, false, now(), now())")
                    .setParameter("id", messageId).setParameter("key", "request:test:" + messageId).executeUpdate();
            entityManager.createNativeQuery("insert into delivery (id, message_id, address, channel, locale, status, attempts,"
                    + " next_attempt_at, lease_until) values (:id, :message, 'someone@example.org', 'EMAIL', 'en', 'IN_FLIGHT', 1,"
                    + " :due, :lease)")
                    .setParameter("id", deliveryId).setParameter("message", messageId)
                    .setParameter("due", Instant.now().plus(Duration.ofDays(1))).setParameter("lease", lease)
                    .executeUpdate();
        });
        return new Claimed(deliveryId, new DeliveryStore.MessageView(messageId, "support-reply", null, null, false),
                Channel.EMAIL, "en", 1, null, null, "someone@example.org", null, lease);
    }

    private static DeliveryStatus status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>findById(id).status);
    }
}
