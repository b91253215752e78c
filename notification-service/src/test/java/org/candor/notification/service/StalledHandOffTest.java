package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.service.DeliveryStore.Claimed;
import org.candor.notification.service.DeliveryStore.Outcome;
import org.candor.notification.support.Fixtures;
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

    @Test
    void aHandOffThatOutlivedItsLeaseIsRecordedSentAndNotQueuedAgain() {
        Instant lease = Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        // Due only tomorrow once queued again, so that no worker of this test's service takes it meanwhile.
        Claimed claim = Fixtures.claimedDirectEmail(1, Instant.now().plus(Duration.ofDays(1)), lease);
        store.recoverExpiredLeases();
        assertThat(status(claim.id())).isEqualTo(DeliveryStatus.QUEUED);

        store.record(List.of(new Outcome(claim, Outcome.Kind.SENT, "smtp", "<" + claim.id() + "@notification.candor.local>",
                null, Instant.now(), null)));

        assertThat(status(claim.id())).isEqualTo(DeliveryStatus.SENT);
    }

    private static DeliveryStatus status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>findById(id).status);
    }
}
