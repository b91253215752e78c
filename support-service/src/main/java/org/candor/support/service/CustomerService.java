package org.candor.support.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.customer.AffectedCustomer;

import io.quarkus.logging.Log;

/**
 * What this service keeps about affected customers (incident, id, locale, country: enough for
 * offers) and erasure of everything it holds about a customer.
 */
@ApplicationScoped
public class CustomerService {

    private final EntityManager entityManager;
    private final Clock clock;

    CustomerService(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void affected(UUID incidentId, AffectedCustomer customer) {
        entityManager.createNativeQuery("""
                insert into affected_customer (incident_id, customer_id, locale, country, added_at)
                values (:incident, :customer, :locale, :country, :now)
                on conflict (incident_id, customer_id) do update set locale = excluded.locale, country = excluded.country""")
                .setParameter("incident", incidentId)
                .setParameter("customer", customer.customerId())
                .setParameter("locale", customer.locale())
                .setParameter("country", customer.country())
                .setParameter("now", clock.instant())
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void notAffected(UUID incidentId, String customerId) {
        entityManager.createNativeQuery("delete from affected_customer where incident_id = :incident and customer_id = :customer")
                .setParameter("incident", incidentId)
                .setParameter("customer", customerId)
                .executeUpdate();
    }

    /**
     * Forgets the customer: eligibility goes, tickets, chats and claims lose the link and the
     * customer's own words; a granted code stays spent but no longer names anyone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(String customerId) {
        String pseudonym = "erased:" + UUID.randomUUID();
        update("delete from affected_customer where customer_id = :customer", customerId);
        update("""
                update ticket_message set body = '[erased]'
                where kind = 'CUSTOMER_MESSAGE' and ticket_id in (select id from ticket where customer_id = :customer)""",
                customerId);
        update("update ticket set customer_id = null, country = null where customer_id = :customer", customerId);
        update("update chat_session set verified_customer_id = null where verified_customer_id = :customer", customerId);
        update("update chat_session set pending_customer_id = null, code_hmac = null where pending_customer_id = :customer",
                customerId);
        entityManager.createNativeQuery("update activation_code set customer_id = :pseudonym || '-' || id where customer_id = :customer")
                .setParameter("pseudonym", pseudonym)
                .setParameter("customer", customerId)
                .executeUpdate();
        entityManager.createNativeQuery("""
                update compensation_claim set customer_id = :pseudonym, evidence = null, reason = '[erased]'
                where customer_id = :customer""")
                .setParameter("pseudonym", pseudonym)
                .setParameter("customer", customerId)
                .executeUpdate();
        Log.info("Erased a customer's data on request");
    }

    private void update(String sql, String customerId) {
        entityManager.createNativeQuery(sql).setParameter("customer", customerId).executeUpdate();
    }
}
