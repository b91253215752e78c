package org.candor.notification.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
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

    private static final String LATE = "insert into fan_out_addition (message_id, recipient_id)"
            + " select m.id, ir.recipient_id from message m"
            + " join incident_recipient ir on ir.incident_id = m.incident_id"
            + " and ir.recipient_id = any(cast(:ids as varchar[]))"
            + " where m.incident_id = :incident and m.audience = 'AFFECTED'"
            + " and (m.id = (select breach_notice_message_id from known_incident where id = :incident)"
            + " or m.id = (select id from message where incident_id = :incident and audience = 'AFFECTED'"
            + " and cancelled_at is null order by created_at desc, id desc limit 1))"
            // A correction's walk covers only the people earlier revisions reached, so it never comes to
            // a newly linked customer: they are listed whether it waits, runs or has finished.
            + " and (m.fanned_out_at is not null or m.fan_out_cursor >= ir.recipient_id or m.corrects is not null)"
            + " on conflict do nothing";

    private final EntityManager entityManager;
    private final NotificationConfig config;
    private final Clock clock;
    private final AudienceLock audienceLock;
    private final WorkSignals signals;
    private final TransactionSynchronizationRegistry transactions;

    RecipientService(EntityManager entityManager, NotificationConfig config, Clock clock, AudienceLock audienceLock,
            WorkSignals signals, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.audienceLock = audienceLock;
        this.signals = signals;
        this.transactions = transactions;
    }

    /**
     * An affected customer was added or changed: keep their contact and link them to the incident.
     * True when the link is new; the caller then passes them to {@link #linked} before it commits.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean customerAffected(UUID incidentId, AffectedCustomer customer) {
        upsert(customer.customerId(), Recipient.CUSTOMER, customer.name(), customer.email(), customer.phone(),
                customer.locale(), customer.country(), customer.region(), null);
        return entityManager.createNativeQuery("insert into incident_recipient (incident_id, recipient_id)"
                + " values (:incident, :id) on conflict do nothing")
                .setParameter("incident", incidentId).setParameter("id", customer.customerId()).executeUpdate() == 1;
    }

    /**
     * Customers newly linked to an incident in this transaction: those a message to the incident's
     * affected people has already passed (fanned out, or its cursor at or beyond their id) are listed
     * as additions of the breach notice and of the latest affected update that was not cancelled, which
     * the fan-out then delivers to them (older updates are superseded; a running one still reaches ids
     * above its cursor). Customers the walk has not reached yet are left to it. When the latest update
     * is a correction they are always listed for it: they get its corrected wording once it may go out
     * (approved, not paused). Returns how many were listed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int linked(UUID incidentId, Collection<String> customerIds) {
        if (customerIds.isEmpty()) {
            return 0;
        }
        // Waits for a running chunk of the incident's fan-out to commit its cursor, and holds off the
        // next chunk and any new message until this transaction has committed the links.
        audienceLock.shared(incidentId);
        int listed = entityManager.createNativeQuery(LATE)
                .setParameter("incident", incidentId)
                .setParameter("ids", customerIds.toArray(String[]::new))
                .executeUpdate();
        if (listed > 0) {
            Log.infof("%d deliveries to %d customers linked late to incident %s listed for the fan-out", listed,
                    customerIds.size(), incidentId);
            signals.afterCommit(transactions, WorkSignals.Work.FAN_OUT);
        }
        return listed;
    }

    /** The customer turned out not to be affected: they get nothing more about this incident. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void customerRemoved(UUID incidentId, String customerId) {
        entityManager.createNativeQuery("delete from incident_recipient where incident_id = :incident and recipient_id = :id")
                .setParameter("incident", incidentId).setParameter("id", customerId).executeUpdate();
        entityManager.createNativeQuery("delete from fan_out_addition a using message m where a.message_id = m.id"
                + " and m.incident_id = :incident and a.recipient_id = :id")
                .setParameter("incident", incidentId).setParameter("id", customerId).executeUpdate();
        // Not affected after all: not someone the organisation still has to reach about this incident.
        entityManager.createNativeQuery("delete from not_reached where incident_id = :incident and recipient_id = :id")
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
        entityManager.createNativeQuery("delete from fan_out_addition where recipient_id = :id")
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
