package org.candor.platform.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterReferenceTest {

    @Test
    void theValueIsAReferenceToTheSourceRecordAndNothingOfIt() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-topic", "candor.incident.affected-customers".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-partition", "2".getBytes(StandardCharsets.UTF_8));
        headers.add("dead-letter-offset", "1234".getBytes(StandardCharsets.UTF_8));

        byte[] value = new DeadLetterReference().serialize("candor.support.dlq", headers,
                "{\"customer\":{\"email\":\"erika@example.org\"}}");

        assertThat(new String(value, StandardCharsets.UTF_8))
                .isEqualTo("{\"reference\":\"candor.incident.affected-customers-2@1234\"}");
    }
}
