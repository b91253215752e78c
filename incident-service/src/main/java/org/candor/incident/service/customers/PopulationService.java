package org.candor.incident.service.customers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.candor.contracts.incident.AffectedPopulationSummarized;
import org.candor.contracts.incident.AffectedPopulationSummarized.PopulationCount;
import org.candor.incident.domain.Incident;
import org.candor.incident.domain.Population;
import org.candor.platform.outbox.Outbox;

/**
 * Counts the affected population by country and region, and publishes the counts when they changed
 * (compliance-service derives reporting duties and thresholds from them).
 */
@ApplicationScoped
public class PopulationService {

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final Clock clock;

    PopulationService(EntityManager entityManager, Outbox outbox, Clock clock) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The current counts of an existing incident. */
    public Population of(UUID incidentId) {
        if (entityManager.find(Incident.class, incidentId) == null) {
            throw new jakarta.ws.rs.NotFoundException("No incident " + incidentId);
        }
        return count(incidentId);
    }

    Population count(UUID incidentId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select country, region, count(*) from affected_customer where incident_id = :id
                group by grouping sets ((country), (country, region))
                having grouping(region) = 1 or region is not null
                order by country, region nulls first""")
                .setParameter("id", incidentId)
                .getResultList();
        List<PopulationCount> counts = new ArrayList<>();
        long total = 0;
        for (Object[] row : rows) {
            PopulationCount count = new PopulationCount(((String) row[0]).trim(), (String) row[1],
                    ((Number) row[2]).longValue());
            counts.add(count);
            if (count.region() == null) {
                total += count.count();
            }
        }
        return new Population(total, counts);
    }

    /** Publishes the population if it differs from the last one published. Locks the incident row. */
    @Transactional
    public void publishIfChanged(UUID incidentId) {
        Incident incident = entityManager.find(Incident.class, incidentId, LockModeType.PESSIMISTIC_WRITE);
        Population population = count(incidentId);
        if (population.equals(incident.lastPublishedPopulation)) {
            return;
        }
        incident.lastPublishedPopulation = population;
        Instant now = Instant.now(clock);
        outbox.record(new AffectedPopulationSummarized(incidentId, population.total(), population.counts(),
                List.copyOf(incident.dataCategories), now), now);
    }
}
