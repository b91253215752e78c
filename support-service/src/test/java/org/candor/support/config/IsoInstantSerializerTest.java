package org.candor.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class IsoInstantSerializerTest {

    private final ObjectMapper jackson = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper ours = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule().addSerializer(Instant.class, new IsoInstantSerializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void writesWhatJacksonWritesForInstantsOfEveryPrecision() throws Exception {
        List<Instant> instants = new ArrayList<>(List.of(Instant.parse("2026-11-28T00:00:00Z"),
                Instant.parse("2026-03-29T01:00:00.100Z"), Instant.parse("2026-10-25T02:59:59.000001Z"),
                Instant.parse("2026-12-31T23:59:59.999999999Z"), Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("1000-01-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.5Z"),
                Instant.parse("2024-02-29T12:00:00.120Z"), Instant.parse("2026-01-01T00:00:00.000100Z")));
        SplittableRandom random = new SplittableRandom(20261128);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(Instant.parse("1000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond() + 1);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nano));
        }

        for (Instant instant : instants) {
            assertThat(ours.writeValueAsString(instant)).isEqualTo(jackson.writeValueAsString(instant));
        }
    }

    @Test
    void leavesInstantsOutsideFourDigitYearsToJackson() throws Exception {
        for (Instant instant : List.of(Instant.parse("0999-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-06-01T00:00:00.5Z"), Instant.MIN, Instant.MAX)) {
            assertThat(ours.writeValueAsString(instant)).isEqualTo(jackson.writeValueAsString(instant));
        }
    }

    @Test
    void writesTimestampsWhenTheMapperIsConfiguredForThem() throws Exception {
        Instant instant = Instant.parse("2026-11-28T09:15:00.123456Z");

        assertThat(ours.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(instant))
                .isEqualTo(jackson.copy().enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(instant))
                .isEqualTo("1795857300.123456000");
    }
}
