package org.candor.incident.service.overview;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.incident.client.Summaries;
import org.candor.incident.domain.Incident;
import org.candor.incident.service.IncidentService;
import org.candor.incident.service.customers.PopulationService;

import io.smallrye.mutiny.Uni;

/** Gathers what every service knows about one incident into the staff overview. */
@ApplicationScoped
public class OverviewService {

    /** Well above the gateway's worst case (two attempts of a second each), so it only guards against bugs. */
    private static final Duration OVERALL_LIMIT = Duration.ofSeconds(5);

    /** The overview of one incident; each other service's part may be unavailable. */
    public record Overview(Incident incident, long affectedCustomers, Part<Summaries.Notification> notification,
            Part<Summaries.Support> support, Part<Summaries.Compliance> compliance, Part<Summaries.Feedback> feedback,
            Instant generatedAt) {
    }

    private final IncidentService incidents;
    private final PopulationService population;
    private final SummaryGateway gateway;
    private final Clock clock;

    OverviewService(IncidentService incidents, PopulationService population, SummaryGateway gateway, Clock clock) {
        this.incidents = incidents;
        this.population = population;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** Asks the four services at once, with the caller's own authorisation, and waits for all answers. */
    public Optional<Overview> of(UUID incidentId, String authorization) {
        Optional<Incident> incident = incidents.find(incidentId);
        if (incident.isEmpty()) {
            return Optional.empty();
        }
        long affected = population.of(incidentId).total();
        return Optional.of(Uni.combine().all()
                .unis(gateway.notification(incidentId, authorization), gateway.support(incidentId, authorization),
                        gateway.compliance(incidentId, authorization), gateway.feedback(incidentId, authorization))
                .with((notification, support, compliance, feedback) -> new Overview(incident.get(), affected,
                        notification, support, compliance, feedback, Instant.now(clock)))
                .await().atMost(OVERALL_LIMIT));
    }
}
