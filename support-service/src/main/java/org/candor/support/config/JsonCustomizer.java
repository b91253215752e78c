package org.candor.support.config;

import java.time.Instant;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/** The service's JSON: instants as before, written by {@link IsoInstantSerializer}. */
@Singleton
public class JsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper objectMapper) {
        objectMapper.registerModule(new SimpleModule("candor-support-instants").addSerializer(Instant.class,
                new IsoInstantSerializer()));
    }

    @Override
    public int priority() {
        // Applied after Quarkus's own customizers (a lower priority comes later): the module registered last wins.
        return MINIMUM_PRIORITY;
    }
}
