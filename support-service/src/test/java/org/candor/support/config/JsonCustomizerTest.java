package org.candor.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import jakarta.inject.Inject;

import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(CandorTestResource.class)
class JsonCustomizerTest {

    @Inject
    ObjectMapper objectMapper;

    @Test
    void theServicesMapperWritesInstantsWithTheHandWrittenSerializer() throws Exception {
        assertThat(objectMapper.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(IsoInstantSerializer.class);
        assertThat(objectMapper.writeValueAsString(Instant.parse("2026-11-28T09:15:00.123400Z")))
                .isEqualTo("\"2026-11-28T09:15:00.123400Z\"");
    }
}
