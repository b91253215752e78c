package org.candor.notification.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationFailed;
import org.candor.notification.domain.Delivery;
import org.candor.notification.domain.DeliveryStatus;
import org.candor.notification.service.DeliveryStore;
import org.candor.notification.service.DeliveryStore.Claimed;
import org.candor.notification.service.DeliveryStore.Outcome;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A delivery that finally fails reaches the dead-letter topic once, and only for a FAILED state that
 * committed: the outcome of a claim that had already lost its delivery publishes nothing.
 */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class DeliveryDeadLettersTest {

    private static final String DEAD_LETTERS = Topics.deadLetter("notification");

    @Inject
    DeliveryStore store;

    @Inject
    DeliveryDeadLetters deadLetters;

    @Test
    void aFailureIsDeadLetteredOnceAfterItsCommitAndALostClaimsFailureNever() {
        Instant lease = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MILLIS);
        // A worker is still sending it (lease in the future, so no one else takes it).
        Claimed claim = Fixtures.claimedDirectEmail(3, Instant.now(), lease);
        Predicate<ConsumerRecord<String, String>> ofThisDelivery = r -> claim.id().toString().equals(r.key());

        // A claim whose lease is not the delivery's any more (recovery gave it to another worker).
        Claimed lost = new Claimed(claim.id(), claim.message(), claim.channel(), claim.locale(), claim.attempts(), null,
                null, claim.address(), null, lease.minusSeconds(60));
        assertThat(store.record(List.of(failed(lost)))).isZero();
        deadLetters.publishPending();
        assertThat(status(claim.id())).isEqualTo(DeliveryStatus.IN_FLIGHT);

        assertThat(store.record(List.of(failed(claim)))).isEqualTo(1);
        assertThat(status(claim.id())).isEqualTo(DeliveryStatus.FAILED);
        deadLetters.publishPending();
        deadLetters.publishPending();

        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(DEAD_LETTERS, ofThisDelivery, Duration.ofSeconds(30));
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .isEqualTo("gave up after 3 attempts: SMTP reply 451");
        assertThat(dead.value()).contains("\"attempts\":3").doesNotContain("@");
        // Same key, same partition: a dead letter of the lost claim would have come before this one.
        assertThatThrownBy(() -> TestKafka.awaitRecords(DEAD_LETTERS, ofThisDelivery, 2, Duration.ofSeconds(3)))
                .isInstanceOf(AssertionError.class);
        assertThat(TestKafka.awaitRecords(Topics.NOTIFICATION_EVENTS, r -> ofThisDelivery.test(r)
                && NotificationFailed.TYPE.equals(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)),
                1, Duration.ofSeconds(30))).hasSize(1);
        assertThatThrownBy(() -> TestKafka.awaitRecords(Topics.NOTIFICATION_EVENTS, r -> ofThisDelivery.test(r)
                && NotificationFailed.TYPE.equals(new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8)),
                2, Duration.ofSeconds(3))).isInstanceOf(AssertionError.class);
    }

    private static Outcome failed(Claimed claim) {
        return new Outcome(claim, Outcome.Kind.FAILED, null, null, "gave up after 3 attempts: SMTP reply 451", Instant.now(),
                null);
    }

    private static DeliveryStatus status(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Delivery.<Delivery>findById(id).status);
    }
}
