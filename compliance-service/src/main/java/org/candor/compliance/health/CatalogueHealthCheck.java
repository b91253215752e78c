package org.candor.compliance.health;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.compliance.config.CatalogueInForce;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.Wellness;

/**
 * Whether the configured catalogue files hold the version in force. DOWN while a refused file waits to be fixed:
 * a wellness check ({@code /q/health}, {@code /q/health/well}), not readiness or liveness, since deadlines are still
 * computed with the last good version and a restart would not fix the file.
 */
@Wellness
@ApplicationScoped
public class CatalogueHealthCheck implements HealthCheck {

    public static final String NAME = "regime-catalogue";
    /** How many errors the check lists; the log and {@code POST /api/regimes/reload} give all. */
    private static final int SHOWN = 20;

    private final CatalogueInForce catalogues;

    CatalogueHealthCheck(CatalogueInForce catalogues) {
        this.catalogues = catalogues;
    }

    @Override
    public HealthCheckResponse call() {
        CatalogueInForce.InForce inForce = catalogues.inForce();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("version", inForce.catalogue().version())
                .withData("calendarsVersion", inForce.catalogue().calendarsVersion())
                .withData("source", inForce.source())
                .withData("since", inForce.since().toString());
        Instant checkedAt = catalogues.checkedAt();
        if (checkedAt != null) {
            response.withData("checkedAt", checkedAt.toString());
        }
        CatalogueInForce.Rejection rejection = catalogues.rejection();
        if (rejection == null) {
            return response.up().build();
        }
        response.withData("refused", rejection.source()).withData("refusedAt", rejection.at().toString())
                .withData("errors", rejection.errors().size());
        for (int i = 0; i < Math.min(SHOWN, rejection.errors().size()); i++) {
            response.withData("error." + (i + 1), rejection.errors().get(i));
        }
        return response.down().build();
    }
}
