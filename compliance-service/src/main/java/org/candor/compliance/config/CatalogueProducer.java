package org.candor.compliance.config;

import java.io.InputStream;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.candor.compliance.domain.deadline.DeadlineEngine;
import org.candor.compliance.domain.deadline.RegimeCatalogue;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/** Loads and validates the regime catalogue at start: a broken catalogue stops the service. */
public class CatalogueProducer {

    @Produces
    @Singleton
    @Startup
    RegimeCatalogue catalogue(ComplianceConfig config) {
        RegimeCatalogue catalogue = RegimeCatalogue.read(config.catalogue(), resource(config.catalogue()),
                config.holidayCalendars(), resource(config.holidayCalendars()));
        Log.infof("Regime catalogue %s loaded: %d regimes, %d holiday calendars (version %s)", config.catalogue(),
                catalogue.rules().size(), catalogue.calendars().size(), catalogue.version());
        return catalogue;
    }

    @Produces
    @Singleton
    DeadlineEngine engine(RegimeCatalogue catalogue) {
        return new DeadlineEngine(catalogue);
    }

    private static InputStream resource(String location) {
        return Thread.currentThread().getContextClassLoader().getResourceAsStream(location);
    }
}
