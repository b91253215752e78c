package org.candor.platform.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.platform.outbox.OutboxSetAside;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

/**
 * The outbox, in the health group {@code outbox} ({@code /q/health/group/outbox}), outside readiness:
 * DOWN while rows are set aside (Kafka kept refusing them) and so hold back the later events of their
 * aggregates; UP otherwise, with the events still waiting to be published and the oldest of them.
 */
@HealthGroup(OutboxHealthCheck.GROUP)
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    /** The health group's name. */
    public static final String GROUP = "outbox";

    private final OutboxSetAside setAside;

    OutboxHealthCheck(OutboxSetAside setAside) {
        this.setAside = setAside;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Outbox");
        try {
            OutboxSetAside.Summary summary = setAside.summary();
            response.withData("events set aside", summary.setAside())
                    .withData("aggregates held back", summary.aggregatesHeld())
                    .withData("events waiting behind them", summary.waitingBehind())
                    .withData("events waiting to be published", summary.unpublished());
            if (summary.oldestSetAside() != null) {
                response.withData("set aside since", summary.oldestSetAside().toString());
            }
            if (summary.oldestUnpublished() != null) {
                response.withData("oldest waiting event from", summary.oldestUnpublished().toString());
            }
            return response.status(summary.setAside() == 0).build();
        } catch (RuntimeException e) {
            return response.down().withData("database", "unreachable: " + e.getClass().getSimpleName()).build();
        }
    }
}
