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
    private final VerificationSigner signer;

    CustomerService(EntityManager entityManager, Clock clock, VerificationSigner signer) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.signer = signer;
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
        contact(customer);
    }

    /**
     * Keeps the keyed hashes of the customer's email address and phone number on record, by which a
     * person in chat who names one of them is sent a code; the addresses themselves are not kept.
     */
    private void contact(AffectedCustomer customer) {
        String email = CustomerContact.onRecord(CustomerContact.EMAIL, customer.email())
                .map(contact -> signer.contactHash(contact.kind(), contact.value())).orElse(null);
        String phone = CustomerContact.onRecord(CustomerContact.PHONE, customer.phone())
                .map(contact -> signer.contactHash(contact.kind(), contact.value())).orElse(null);
        entityManager.createNativeQuery("""
                insert into customer_contact (customer_id, email_hash, phone_hash) values (:customer, :email, :phone)
                on conflict (customer_id) do update set email_hash = excluded.email_hash, phone_hash = excluded.phone_hash""")
                .setParameter("customer", customer.customerId())
                .setParameter("email", email)
                .setParameter("phone", phone)
                .executeUpdate();
    }

    /**
     * The one customer an address is on record for; empty when none is, or when several share it (a
     * code to a shared address would not say which of them is in the chat).
     */
    public java.util.Optional<String> byContact(CustomerContact contact) {
        String column = CustomerContact.EMAIL.equals(contact.kind()) ? "email_hash" : "phone_hash";
        @SuppressWarnings("unchecked")
        java.util.List<String> ids = entityManager.createNativeQuery(
                "select customer_id from customer_contact where " + column + " = :hash limit 2")
                .setParameter("hash", signer.contactHash(contact.kind(), contact.value()))
                .getResultList();
        return ids.size() == 1 ? java.util.Optional.of(ids.get(0)) : java.util.Optional.empty();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void notAffected(UUID incidentId, String customerId) {
        entityManager.createNativeQuery("delete from affected_customer where incident_id = :incident and customer_id = :customer")
                .setParameter("incident", incidentId)
                .setParameter("customer", customerId)
                .executeUpdate();
        update("""
                delete from customer_contact where customer_id = :customer
                and not exists (select 1 from affected_customer where customer_id = :customer)""", customerId);
    }

    /**
     * Forgets the customer: eligibility goes, tickets, chats and claims lose the link and the
     * customer's own words; a granted code stays spent but no longer names anyone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(String customerId) {
        String pseudonym = "erased:" + UUID.randomUUID();
        update("delete from affected_customer where customer_id = :customer", customerId);
        update("delete from customer_contact where customer_id = :customer", customerId);
        update("delete from verification_code_sent where customer_id = :customer", customerId);
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
