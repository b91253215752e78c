package org.candor.incident.service.customers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.customer.AffectedCustomer;
import org.hibernate.Session;

/**
 * Writes affected customers in bulk with one statement per chunk: an upsert that touches a row
 * only when something changed, and says for each row whether it was new.
 */
@ApplicationScoped
public class AffectedCustomerStore {

    private static final String UPSERT = """
            insert into affected_customer as c
                (incident_id, customer_id, name, email, phone, locale, country, region, segment, added_at, updated_at)
            select ?, t.customer_id, t.name, t.email, t.phone, t.locale, t.country, t.region, t.segment, now(), now()
            from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[],
                        ?::varchar[]) as t(customer_id, name, email, phone, locale, country, region, segment)
            on conflict (incident_id, customer_id) do update set
                name = excluded.name, email = excluded.email, phone = excluded.phone, locale = excluded.locale,
                country = excluded.country, region = excluded.region, segment = excluded.segment,
                erased = false, updated_at = now()
            where (c.name, c.email, c.phone, c.locale, c.country, c.region, c.segment, c.erased)
                is distinct from (excluded.name, excluded.email, excluded.phone, excluded.locale, excluded.country,
                                  excluded.region, excluded.segment, false)
            returning c.customer_id, (xmax = 0) as inserted
            """;

    /** Which customers of a chunk were new ({@code true}) or changed ({@code false}); unchanged ones are absent. */
    public record UpsertResult(Map<String, Boolean> insertedById) {
    }

    private final EntityManager entityManager;

    AffectedCustomerStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public UpsertResult upsert(UUID incidentId, List<AffectedCustomer> customers) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
                statement.setObject(1, incidentId);
                statement.setArray(2, column(connection, customers, AffectedCustomer::customerId));
                statement.setArray(3, column(connection, customers, AffectedCustomer::name));
                statement.setArray(4, column(connection, customers, AffectedCustomer::email));
                statement.setArray(5, column(connection, customers, AffectedCustomer::phone));
                statement.setArray(6, column(connection, customers, AffectedCustomer::locale));
                statement.setArray(7, column(connection, customers, AffectedCustomer::country));
                statement.setArray(8, column(connection, customers, AffectedCustomer::region));
                statement.setArray(9, column(connection, customers, AffectedCustomer::segment));
                Map<String, Boolean> result = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.put(rows.getString(1), rows.getBoolean(2));
                    }
                }
                return new UpsertResult(result);
            }
        });
    }

    /** The ids among {@code customerIds} whose owners asked for erasure. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> erasedAmong(List<String> customerIds) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "select customer_id from erased_customer where customer_id = any(?)")) {
                statement.setArray(1, connection.createArrayOf("varchar", customerIds.toArray()));
                Set<String> erased = new HashSet<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        erased.add(rows.getString(1));
                    }
                }
                return erased;
            }
        });
    }

    private static Array column(Connection connection, List<AffectedCustomer> customers,
            Function<AffectedCustomer, String> field) throws SQLException {
        return connection.createArrayOf("varchar", customers.stream().map(field).toArray());
    }
}
