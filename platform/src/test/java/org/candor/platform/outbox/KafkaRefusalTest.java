package org.candor.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** Which send failures count as the row's own (an attempt towards setting it aside) and which as Kafka being away. */
class KafkaRefusalTest {

    @Test
    void aRecordTooLargeIsTheRowsOwn() {
        assertThat(OutboxRelay.permanentRefusal(new CompletionException(new RecordTooLargeException("too big"))))
                .startsWith("RecordTooLargeException");
    }

    @Test
    void aTopicTheServiceMayNotWriteIsTheRowsOwn() {
        assertThat(OutboxRelay.permanentRefusal(new TopicAuthorizationException("candor.support.tickets")))
                .startsWith("TopicAuthorizationException");
    }

    @Test
    void aSerializationErrorIsTheRowsOwn() {
        assertThat(OutboxRelay.permanentRefusal(new IllegalStateException(new SerializationException("bad"))))
                .startsWith("SerializationException");
    }

    @Test
    void aTimeoutIsKafkaBeingAway() {
        assertThat(OutboxRelay.permanentRefusal(new TimeoutException("no metadata within 60000 ms"))).isNull();
    }

    @Test
    void aLostConnectionIsKafkaBeingAway() {
        assertThat(OutboxRelay.permanentRefusal(new CompletionException(new NetworkException("disconnected")))).isNull();
    }

    @Test
    void aTopicNotThereYetIsKafkaBeingAway() {
        assertThat(OutboxRelay.permanentRefusal(new UnknownTopicOrPartitionException("candor.support.tickets"))).isNull();
    }

    @Test
    void failedCredentialsAreNoFaultOfTheRow() {
        assertThat(OutboxRelay.permanentRefusal(new SaslAuthenticationException("expired"))).isNull();
    }

    @Test
    void anythingElseIsNotCountedAgainstTheRow() {
        assertThat(OutboxRelay.permanentRefusal(new IllegalStateException("producer closed"))).isNull();
    }
}
