package org.candor.feedback.service;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.customer.AffectedCustomer;
import org.candor.contracts.customer.AffectedCustomerRemoved;
import org.candor.contracts.customer.CustomerErased;
import org.candor.feedback.domain.SurveyCustomer;

import io.quarkus.logging.Log;

/** The people surveys may go to: only id, language and segment attributes are kept. */
@ApplicationScoped
public class CustomerService {

    private final EntityManager entityManager;
    private final Clock clock;

    CustomerService(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Records (or refreshes) an affected customer; contact details are dropped here. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAffected(UUID incidentId, AffectedCustomer affected) {
        SurveyCustomer customer = upsert(affected.customerId(), affected.locale(), affected.country());
        customer.region = affected.region();
        customer.segment = affected.segment() == null || affected.segment().isBlank() ? "unknown" : affected.segment();
        entityManager.createNativeQuery(
                "insert into customer_incident (customer_id, incident_id) values (:c, :i) on conflict do nothing")
                .setParameter("c", affected.customerId())
                .setParameter("i", incidentId)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRemoved(AffectedCustomerRemoved event) {
        entityManager.createNativeQuery("delete from customer_incident where customer_id = :c and incident_id = :i")
                .setParameter("c", event.customerId())
                .setParameter("i", event.incidentId())
                .executeUpdate();
    }

    /**
     * Forgets a person: their record, their incidents, the link from their invitations, and what they
     * wrote in free text (scores and segment attributes stay, as in an anonymous survey).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(CustomerErased event) {
        entityManager.createNativeQuery("""
                update survey_response r set answers = (
                    select coalesce(jsonb_object_agg(key, value), '{}'::jsonb) from jsonb_each(r.answers)
                    where key not in (select q->>'id' from survey_version v, jsonb_array_elements(v.definition->'questions') q
                                      where v.survey_id = r.survey_id and v.version = r.survey_version
                                        and q->>'type' = 'FREE_TEXT'))
                where r.invitation_id in (select id from invitation where customer_id = :c)""")
                .setParameter("c", event.customerId())
                .executeUpdate();
        entityManager.createNativeQuery("update invitation set customer_id = null where customer_id = :c")
                .setParameter("c", event.customerId())
                .executeUpdate();
        entityManager.createNativeQuery("delete from scheduled_send where customer_id = :c and done_at is null")
                .setParameter("c", event.customerId())
                .executeUpdate();
        entityManager.createNativeQuery("delete from survey_customer where customer_id = :c")
                .setParameter("c", event.customerId())
                .executeUpdate();
        Log.infof("Erased customer data for an erasure event at %s", event.erasedAt());
    }

    /** A customer seen on a ticket but not (yet) as affected: known by language and country only. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordTicketCustomer(String customerId, String locale, String country) {
        SurveyCustomer customer = SurveyCustomer.findById(customerId);
        if (customer == null) {
            customer = upsert(customerId, locale, country);
            customer.segment = "unknown";
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void optOut(String customerId) {
        SurveyCustomer customer = SurveyCustomer.findById(customerId);
        if (customer != null && customer.optedOutAt == null) {
            customer.optedOutAt = clock.instant();
        }
    }

    private SurveyCustomer upsert(String customerId, String locale, String country) {
        SurveyCustomer customer = SurveyCustomer.findById(customerId);
        if (customer == null) {
            customer = new SurveyCustomer();
            customer.customerId = customerId;
            customer.segment = "unknown";
        }
        customer.locale = locale == null || locale.isBlank() ? "en" : locale;
        customer.country = country == null || country.length() != 2 ? "ZZ" : country;
        customer.persist();
        return customer;
    }
}
