package org.candor.notification.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Message;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Who an update's message is addressed to, counted as the fan-out would reach them now: the incident's
 * affected customers, the status page's subscribers, or for a correction the people earlier revisions of
 * the update reached (on the channels they reached them on). Channels follow the fan-out's rules: an
 * address, no opt-out unless the message is mandatory, email alone first where mandatory notices go
 * email-first.
 */
@ApplicationScoped
public class Audiences {

    /** People of one locale and how many of them each channel reaches. */
    public record Count(String channel, String locale, String language, long people) {
    }

    /** The audience of one message. */
    public record Breakdown(UUID messageId, String messageType, String audience, UUID corrects, long people,
            List<Count> counts) {
    }

    private static final String AFFECTED = "select r.locale, r.email, r.phone, r.email_opt_out, r.sms_opt_out"
            + " from incident_recipient ir join recipient r on r.id = ir.recipient_id where ir.incident_id = :incident";
    private static final String SUBSCRIBERS = "select r.locale, r.email, r.phone, r.email_opt_out, r.sms_opt_out"
            + " from recipient r where r.kind = 'SUBSCRIBER'";
    private static final String RECEIVED = "select d.recipient_id, bool_or(d.channel = 'EMAIL') as email,"
            + " bool_or(d.channel = 'SMS') as sms from delivery d where d.message_id in (select id from message"
            + " where update_id = :update and audience = :audience and revision < :revision and test_of is null)"
            + " and d.status in ('SENT', 'DELIVERED') and d.recipient_id is not null group by d.recipient_id";

    private final EntityManager entityManager;
    private final NotificationConfig config;

    Audiences(EntityManager entityManager, NotificationConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** How many people a new message is addressed to: what the approval threshold is compared with. */
    public long size(String audience, UUID incidentId, UUID updateId, int revision, boolean correction) {
        var query = correction
                ? entityManager.createNativeQuery("select count(*) from (" + RECEIVED + ") x")
                        .setParameter("update", updateId).setParameter("audience", audience).setParameter("revision", revision)
                : Message.AFFECTED.equals(audience)
                        ? entityManager.createNativeQuery("select count(*) from incident_recipient where incident_id = :incident")
                                .setParameter("incident", incidentId)
                        : entityManager.createNativeQuery("select count(*) from recipient where kind = 'SUBSCRIBER'");
        return ((Number) query.getSingleResult()).longValue();
    }

    /** The message's audience per channel and locale, as it stands now. */
    public Breakdown of(Message message) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            boolean affected = Message.AFFECTED.equals(message.audience);
            String people;
            if (message.corrects != null) {
                people = "select r.locale, case when x.email then r.email end as email, case when x.sms then r.phone end as phone,"
                        + " r.email_opt_out, r.sms_opt_out from (" + RECEIVED + ") x join recipient r on r.id = x.recipient_id"
                        + (affected ? " join incident_recipient ir on ir.incident_id = :incident and ir.recipient_id = x.recipient_id" : "");
            } else {
                people = affected ? AFFECTED : SUBSCRIBERS;
            }
            var query = entityManager.createNativeQuery("select p.locale, count(*),"
                    + " count(*) filter (where p.email is not null and (:mandatory or not p.email_opt_out)),"
                    + " count(*) filter (where p.phone is not null and (:mandatory or not p.sms_opt_out)"
                    + " and not (:emailFirst and p.email is not null))"
                    + " from (" + people + ") p group by p.locale order by p.locale")
                    .setParameter("mandatory", message.mandatory)
                    .setParameter("emailFirst", message.mandatory
                            && config.mandatoryNotice().channels() == NotificationConfig.MandatoryNotice.Channels.FALLBACK);
            if (affected) {
                query.setParameter("incident", message.incidentId);
            }
            if (message.corrects != null) {
                query.setParameter("update", message.updateId).setParameter("audience", message.audience)
                        .setParameter("revision", message.revision);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = query.getResultList();
            long total = 0;
            List<Count> counts = new ArrayList<>();
            for (Object[] row : rows) {
                String locale = (String) row[0];
                total += ((Number) row[1]).longValue();
                long email = ((Number) row[2]).longValue();
                long sms = ((Number) row[3]).longValue();
                if (email > 0) {
                    counts.add(new Count("EMAIL", locale, MessageCatalog.language(locale), email));
                }
                if (sms > 0) {
                    counts.add(new Count("SMS", locale, MessageCatalog.language(locale), sms));
                }
            }
            counts.sort(java.util.Comparator.comparing(Count::channel).thenComparing(Count::locale));
            return new Breakdown(message.id, message.messageType, message.audience, message.corrects, total,
                    List.copyOf(counts));
        });
    }
}
