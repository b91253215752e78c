package org.candor.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.customer.AffectedCustomer;
import org.candor.contracts.customer.PublicSubscriberConfirmed;
import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Recipient;
import org.candor.notification.domain.TimeZones;

import io.quarkus.logging.Log;

/**
 * Keeps the recipient projection: affected customers per incident and public subscribers, with the
 * contact details only this table holds. Erasure and unsubscription delete the person's row and
 * every delivery to them that has not gone out yet.
 */
@ApplicationScoped
public class RecipientService {

    private static final String UPSERT = "insert into recipient (id, kind, name, email, phone, locale, country, region,"
            + " time_zone, unsubscribe_url, updated_at) values (:id, :kind, :name, :email, :phone, :locale, :country, :region,"
            + " :zone, :unsubscribe, :now)"
            + " on conflict (id) do update set kind = excluded.kind, name = excluded.name, email = excluded.email,"
            + " phone = excluded.phone, locale = excluded.locale, country = excluded.country, region = excluded.region,"
            + " time_zone = excluded.time_zone, unsubscribe_url = excluded.unsubscribe_url, updated_at = excluded.updated_at";

    private final EntityManager entityManager;
    private final NotificationConfig config;
    private final Clock clock;

    RecipientService(EntityManager entityManager, NotificationConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
    }

    /** An affected customer was added or changed: keep their contact and link them to the incident. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerAffected(UUID incidentId, AffectedCustomer customer) {
        upsert(customer.customerId(), Recipient.CUSTOMER, customer.name(), customer.email(), customer.phone(),
                customer.locale(), customer.country(), customer.region(), null);
        entityManager.createNativeQuery("insert into incident_recipient (incident_id, recipient_id) values (:incident, :id)"
                + " on conflict do nothing")
                .setParameter("incident", incidentId).setParameter("id", customer.customerId()).executeUpdate();
    }

    /** The customer turned out not to be affected: they get nothing more about this incident. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerRemoved(UUID incidentId, String customerId) {
        entityManager.createNativeQuery("delete from incident_recipient where incident_id = :incident and recipient_id = :id")
                .setParameter("incident", incidentId).setParameter("id", customerId).executeUpdate();
        int cancelled = entityManager.createNativeQuery("delete from delivery d using message m where d.message_id = m.id"
                + " and m.incident_id = :incident and m.audience = 'AFFECTED' and d.recipient_id = :id and d.status = 'QUEUED'")
                .setParameter("incident", incidentId).setParameter("id", customerId).executeUpdate();
        Log.infof("Customer %s removed from incident %s; %d queued deliveries cancelled", customerId, incidentId, cancelled);
    }

    /** Erasure: the contact details go at once, with every delivery to the person that is still waiting. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erase(String recipientId) {
        entityManager.createNativeQuery("delete from incident_recipient where recipient_id = :id")
                .setParameter("id", recipientId).executeUpdate();
        int cancelled = entityManager.createNativeQuery("delete from delivery where recipient_id = :id and status = 'QUEUED'")
                .setParameter("id", recipientId).executeUpdate();
        entityManager.createNativeQuery("delete from recipient where id = :id").setParameter("id", recipientId)
                .executeUpdate();
        Log.infof("Erased recipient %s; %d queued deliveries cancelled", recipientId, cancelled);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void subscriberConfirmed(PublicSubscriberConfirmed event) {
        upsert(Recipient.subscriberId(event.subscriberId()), Recipient.SUBSCRIBER, null, event.email(), event.phone(),
                event.locale(), null, null, event.unsubscribeUrl());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void subscriberRemoved(String subscriberId) {
        erase(Recipient.subscriberId(subscriberId));
    }

    public Optional<Recipient> find(String id) {
        return Recipient.findByIdOptional(id);
    }

    /** Sets the person's opt-outs of non-mandatory messages; returns false when there is no such recipient. */
    @Transactional
    public Optional<Recipient> setPreferences(String id, boolean emailOptOut, boolean smsOptOut) {
        Optional<Recipient> recipient = Recipient.findByIdOptional(id);
        recipient.ifPresent(found -> {
            found.emailOptOut = emailOptOut;
            found.smsOptOut = smsOptOut;
            found.updatedAt = clock.instant();
            Log.infof("Preferences of recipient %s: email opt-out %s, SMS opt-out %s", id, emailOptOut, smsOptOut);
        });
        return recipient;
    }

    /** The person opted out of non-mandatory messages on one channel, from a link in a message; empty if unknown. */
    @Transactional
    public Optional<Recipient> optOut(String id, org.candor.notification.domain.Channel channel) {
        Optional<Recipient> recipient = Recipient.findByIdOptional(id);
        recipient.ifPresent(found -> {
            if (channel == org.candor.notification.domain.Channel.EMAIL) {
                found.emailOptOut = true;
            } else {
                found.smsOptOut = true;
            }
            found.updatedAt = clock.instant();
            Log.infof("Recipient %s opted out of non-mandatory %s messages by link", id, channel);
        });
        return recipient;
    }

    private void upsert(String id, String kind, String name, String email, String phone, String locale, String country,
            String region, String unsubscribeUrl) {
        Instant now = clock.instant();
        entityManager.createNativeQuery(UPSERT)
                .setParameter("id", id).setParameter("kind", kind).setParameter("name", name)
                .setParameter("email", blankToNull(email)).setParameter("phone", blankToNull(phone))
                .setParameter("locale", locale == null || locale.isBlank() ? MessageCatalog.FALLBACK_LANGUAGE : locale)
                .setParameter("country", blankToNull(country)).setParameter("region", blankToNull(region))
                .setParameter("zone", TimeZones.of(country, region, config.defaultTimeZone()))
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("unsubscribe", unsubscribeUrl, String.class)
                .setParameter("now", now)
                .executeUpdate();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
