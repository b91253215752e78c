package org.candor.incident.service.customers;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import org.candor.contracts.customer.AffectedCustomerRemoved;
import org.candor.contracts.customer.CustomerErased;
import org.candor.incident.service.IncidentService;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;

/** Removing a customer who is not affected after all, and erasing a customer's personal data. */
@ApplicationScoped
public class AffectedCustomerService {

    /** One affected customer as staff see it. */
    public record CustomerView(String customerId, String name, String email, String phone, String locale,
            String country, String region, String segment, boolean erased, Instant addedAt, Instant updatedAt) {
    }

    private final EntityManager entityManager;
    private final IncidentService incidents;
    private final PopulationService population;
    private final Outbox outbox;
    private final Clock clock;

    AffectedCustomerService(EntityManager entityManager, IncidentService incidents, PopulationService population,
            Outbox outbox, Clock clock) {
        this.entityManager = entityManager;
        this.incidents = incidents;
        this.population = population;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** A page of the incident's customers ordered by id, after {@code afterCustomerId} (a cursor). */
    public List<CustomerView> page(UUID incidentId, String afterCustomerId, int limit) {
        incidents.require(incidentId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select customer_id, name, email, phone, locale, country, region, segment, erased, added_at, updated_at
                from affected_customer where incident_id = :id and customer_id > :after
                order by customer_id limit :limit""")
                .setParameter("id", incidentId)
                .setParameter("after", afterCustomerId == null ? "" : afterCustomerId)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream().map(row -> new CustomerView((String) row[0], (String) row[1], (String) row[2],
                (String) row[3], (String) row[4], ((String) row[5]).trim(), (String) row[6], (String) row[7],
                (Boolean) row[8], toInstant(row[9]), toInstant(row[10]))).toList();
    }

    @Transactional
    public void remove(UUID incidentId, String customerId) {
        incidents.require(incidentId);
        int deleted = entityManager.createNativeQuery(
                "delete from affected_customer where incident_id = :incident and customer_id = :customer")
                .setParameter("incident", incidentId)
                .setParameter("customer", customerId)
                .executeUpdate();
        if (deleted == 0) {
            throw new NotFoundException("Customer " + customerId + " is not affected by incident " + incidentId);
        }
        Instant now = Instant.now(clock);
        outbox.record(new AffectedCustomerRemoved(incidentId, customerId, now), now);
        population.publishIfChanged(incidentId);
    }

    /**
     * Erases what identifies the customer in every incident (country and region stay, for the
     * counts), drops their not-yet-published contact events, remembers the request so no later
     * import brings the data back, and tells every other service to erase too.
     */
    @Transactional
    public void erase(String customerId) {
        Instant now = Instant.now(clock);
        @SuppressWarnings("unchecked")
        List<UUID> affectedIncidents = entityManager.createNativeQuery("""
                update affected_customer set name = null, email = null, phone = null, segment = null, erased = true,
                    updated_at = now()
                where customer_id = :customer returning incident_id""", UUID.class)
                .setParameter("customer", customerId)
                .getResultList();
        entityManager.createNativeQuery("""
                delete from outbox_event where aggregate_type = 'affected-customer' and aggregate_id = :customer""")
                .setParameter("customer", customerId)
                .executeUpdate();
        entityManager.createNativeQuery("""
                insert into erased_customer (customer_id, erased_at) values (:customer, :now)
                on conflict (customer_id) do nothing""")
                .setParameter("customer", customerId)
                .setParameter("now", now)
                .executeUpdate();
        outbox.record(new CustomerErased(customerId, now), now);
        Log.infof("Erased the personal data of a customer in %d incidents", affectedIncidents.size());
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
