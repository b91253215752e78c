package org.candor.notification.service;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Message;
import org.hibernate.Session;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Turns an update's message into deliveries, a chunk of recipients per transaction, in recipient id
 * order: each chunk inserts its deliveries (ids derived from message, recipient and channel, so
 * inserting a chunk twice adds nothing) and moves the message's cursor past it. A restart resumes
 * at the cursor; no one is skipped and no one gets a second delivery.
 *
 * <p>Customers linked to the incident behind the cursor or after the end (a later import wave, an
 * add while the fan-out runs) are listed as the message's additions by the consumer, and delivered
 * here in chunks too; {@link AudienceLock} makes sure every such customer is either read by a chunk
 * of the walk or listed.
 *
 * <p>Channels: every channel the person has an address for, minus those they opted out of unless
 * the message is mandatory (the breach notice); with {@code mandatory-notice.channels=fallback} a mandatory
 * notice goes by email alone to people who have an address, and {@link MandatoryFallback} texts those it
 * did not reach. Non-urgent SMS are due at the end of quiet hours in
 * the recipient's time zone.
 */
@ApplicationScoped
public class FanOutWorker implements Runnable {

    private static final String CHUNK = """
            with p as (select cast(? as timestamptz) as now, cast(? as time) as qs, cast(? as time) as qe),
            %s,
            ins as (
              insert into delivery (id, message_id, recipient_id, channel, locale, status, attempts, next_attempt_at)
              select md5(? || '|' || c.id || '|' || ch.channel)::uuid, ?, c.id, ch.channel, c.locale, 'QUEUED', 0,
                case when ch.channel = 'SMS' and not ? and
                       (case when p.qs > p.qe then l.t >= p.qs or l.t < p.qe else l.t >= p.qs and l.t < p.qe end)
                     then ((l.d + case when l.t < p.qe then 0 else 1 end) + p.qe) at time zone c.time_zone
                     else p.now end
              from chunk c cross join p
              cross join lateral (select (p.now at time zone c.time_zone)::time as t,
                                         (p.now at time zone c.time_zone)::date as d) l
              cross join (values ('EMAIL'), ('SMS')) ch(channel)
              where (ch.channel = 'EMAIL' and c.email is not null and (? or not c.email_opt_out))
                 or (ch.channel = 'SMS' and c.phone is not null and (? or not c.sms_opt_out)
                     and not (? and c.email is not null))
              on conflict (id) do nothing
              returning 1)
            select (select max(id) from chunk), (select count(*) from chunk), (select count(*) from ins)
            """;
    private static final String AFFECTED = "chunk as (select r.id, r.email, r.phone, r.locale, r.time_zone, r.email_opt_out,"
            + " r.sms_opt_out from incident_recipient ir join recipient r on r.id = ir.recipient_id"
            + " where ir.incident_id = ? and ir.recipient_id > ? order by ir.recipient_id limit ?)";
    private static final String SUBSCRIBERS = "chunk as (select r.id, r.email, r.phone, r.locale, r.time_zone, r.email_opt_out,"
            + " r.sms_opt_out from recipient r where r.kind = 'SUBSCRIBER' and r.id > ? order by r.id limit ?)";

    /**
     * A correction's audience: the people an earlier revision of the same update reached (accepted:
     * SENT or DELIVERED), on the channels it reached them on. Someone no longer linked to the incident
     * (removed, erased) or no longer known keeps their place in the walk but gets nothing.
     */
    private static final String CORRECTION = "chunk as (select x.recipient_id as id,"
            + " case when x.email and %1$s then r.email end as email, case when x.sms and %1$s then r.phone end as phone,"
            + " coalesce(r.locale, 'en') as locale, coalesce(r.time_zone, 'UTC') as time_zone,"
            + " coalesce(r.email_opt_out, false) as email_opt_out, coalesce(r.sms_opt_out, false) as sms_opt_out"
            + " from (select d.recipient_id, bool_or(d.channel = 'EMAIL') as email, bool_or(d.channel = 'SMS') as sms"
            + " from delivery d where d.message_id in (select id from message where update_id = ? and audience = ?"
            + " and revision < ? and test_of is null) and d.status in ('SENT', 'DELIVERED') and d.recipient_id > ?"
            + " group by d.recipient_id order by d.recipient_id limit ?) x"
            + " left join recipient r on r.id = x.recipient_id %2$s)";

    /**
     * A chunk of a message's additions, taken off the list as they are delivered; a customer removed
     * from the incident meanwhile is dropped (the join), so nobody gets a message they were taken off.
     */
    private static final String ADDITIONS = "picked as (delete from fan_out_addition where message_id = ? and recipient_id in"
            + " (select recipient_id from fan_out_addition where message_id = ? order by recipient_id limit ?"
            + " for update skip locked) returning recipient_id),"
            + " chunk as (select r.id, r.email, r.phone, r.locale, r.time_zone, r.email_opt_out, r.sms_opt_out"
            + " from picked a join incident_recipient ir on ir.incident_id = ? and ir.recipient_id = a.recipient_id"
            + " join recipient r on r.id = a.recipient_id)";

    /** A message whose deliveries may be created: not paused, not cancelled, approved if it has to be. */
    private static final String MAY_GO_OUT = "m.paused_at is null and m.cancelled_at is null"
            + " and (not m.approval_required or m.approved_at is not null)";

    private final NotificationConfig config;
    private final AudienceLock audienceLock;
    private final EntityManager entityManager;
    private final WorkSignals signals;
    private final Clock clock;
    private volatile boolean running;
    private Thread thread;

    FanOutWorker(NotificationConfig config, AudienceLock audienceLock, EntityManager entityManager, WorkSignals signals,
            Clock clock) {
        this.config = config;
        this.audienceLock = audienceLock;
        this.entityManager = entityManager;
        this.signals = signals;
        this.clock = clock;
    }

    void start(@Observes StartupEvent startup) {
        if (config.workersEnabled()) {
            running = true;
            thread = new Thread(this, "fan-out");
            thread.start();
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                boolean worked = fanOutAdditions();
                if (!fanOutChunk() && !worked) {
                    signals.await(WorkSignals.Work.FAN_OUT, config.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                Log.errorf(e, "Fan-out chunk failed; trying again");
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Fans out the next chunk of the oldest unfinished message; false when there is none. */
    boolean fanOutChunk() {
        Boolean worked = QuarkusTransaction.requiringNew().call(() -> {
            Object[] message = next();
            if (message == null) {
                return false;
            }
            UUID id = (UUID) message[0];
            String sourceKey = (String) message[1];
            UUID incidentId = (UUID) message[2];
            String audience = (String) message[3];
            boolean mandatory = (Boolean) message[4];
            boolean urgent = (Boolean) message[5];
            String cursor = message[6] == null ? "" : (String) message[6];
            boolean correction = message[7] != null;
            Instant now = clock.instant();
            Object[] result = new Object[3];
            boolean affected = Message.AFFECTED.equals(audience);
            if (affected) {
                // Customers being linked to the incident commit before this chunk reads, or are
                // decided on after it committed its cursor (AudienceLock).
                audienceLock.exclusive(incidentId);
            }
            String people = correction
                    ? CORRECTION.formatted(affected ? "ir.recipient_id is not null" : "true", affected
                            ? "left join incident_recipient ir on ir.incident_id = ? and ir.recipient_id = x.recipient_id" : "")
                    : affected ? AFFECTED : SUBSCRIBERS;
            entityManager.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement chunk = connection.prepareStatement(CHUNK.formatted(people))) {
                    int i = 1;
                    chunk.setString(i++, now.toString());
                    chunk.setString(i++, config.quietHours().start().toString());
                    chunk.setString(i++, config.quietHours().end().toString());
                    if (correction) {
                        chunk.setObject(i++, message[8]);
                        chunk.setString(i++, audience);
                        chunk.setInt(i++, (Integer) message[9]);
                        chunk.setString(i++, cursor);
                        chunk.setInt(i++, config.fanOutChunk());
                        if (affected) {
                            chunk.setObject(i++, incidentId);
                        }
                    } else {
                        if (affected) {
                            chunk.setObject(i++, incidentId);
                        }
                        chunk.setString(i++, cursor);
                        chunk.setInt(i++, config.fanOutChunk());
                    }
                    chunk.setString(i++, sourceKey);
                    chunk.setObject(i++, id);
                    chunk.setBoolean(i++, urgent);
                    chunk.setBoolean(i++, mandatory);
                    chunk.setBoolean(i++, mandatory);
                    chunk.setBoolean(i++, emailFirst(mandatory));
                    try (ResultSet rows = chunk.executeQuery()) {
                        rows.next();
                        result[0] = rows.getString(1);
                        result[1] = rows.getLong(2);
                        result[2] = rows.getLong(3);
                    }
                }
            });
            boolean done = (Long) result[1] < config.fanOutChunk();
            entityManager.createNativeQuery("update message set fan_out_cursor = coalesce(:cursor, fan_out_cursor),"
                    + " fanned_out_at = case when :done then cast(:now as timestamptz) else null end where id = :id")
                    .unwrap(org.hibernate.query.NativeQuery.class)
                    .setParameter("cursor", (String) result[0], String.class)
                    .setParameter("done", done)
                    .setParameter("now", now.toString())
                    .setParameter("id", id)
                    .executeUpdate();
            if (done) {
                Log.infof("Message %s fanned out", id);
            }
            return true;
        });
        if (worked) {
            signals.signal(WorkSignals.Work.EMAIL);
            signals.signal(WorkSignals.Work.SMS);
        }
        return worked;
    }

    /**
     * Delivers the next chunk of one message's additions (customers linked after the fan-out had
     * passed them, or listed for a correction); false when there are none. Additions of a message that
     * waits for approval or is paused wait too. A message that had completed is opened again, so its
     * progress counts the new deliveries and it completes once more.
     */
    boolean fanOutAdditions() {
        Boolean worked = QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            java.util.List<UUID> pending = entityManager.createNativeQuery(
                    "select a.message_id from fan_out_addition a join message m on m.id = a.message_id where "
                    + MAY_GO_OUT + " limit 1", UUID.class).getResultList();
            if (pending.isEmpty()) {
                return false;
            }
            // Shared with other replicas' additions, exclusive of a pause or cancel (FanOutControl takes the
            // row for update), which this then sees; the message row is locked before its additions, as there.
            @SuppressWarnings("unchecked")
            java.util.List<Object[]> eligible = entityManager.createNativeQuery("select m.id, m.source_key, m.incident_id,"
                    + " m.mandatory, m.urgent from message m where m.id = :id and " + MAY_GO_OUT + " for share of m")
                    .setParameter("id", pending.get(0)).getResultList();
            if (eligible.isEmpty()) {
                return false;
            }
            Object[] message = eligible.get(0);
            UUID id = (UUID) message[0];
            String sourceKey = (String) message[1];
            UUID incidentId = (UUID) message[2];
            boolean mandatory = (Boolean) message[3];
            boolean urgent = (Boolean) message[4];
            Instant now = clock.instant();
            long[] result = new long[2];
            entityManager.unwrap(Session.class).doWork(connection -> {
                try (PreparedStatement chunk = connection.prepareStatement(CHUNK.formatted(ADDITIONS))) {
                    int i = 1;
                    chunk.setString(i++, now.toString());
                    chunk.setString(i++, config.quietHours().start().toString());
                    chunk.setString(i++, config.quietHours().end().toString());
                    chunk.setObject(i++, id);
                    chunk.setObject(i++, id);
                    chunk.setInt(i++, config.fanOutChunk());
                    chunk.setObject(i++, incidentId);
                    chunk.setString(i++, sourceKey);
                    chunk.setObject(i++, id);
                    chunk.setBoolean(i++, urgent);
                    chunk.setBoolean(i++, mandatory);
                    chunk.setBoolean(i++, mandatory);
                    chunk.setBoolean(i++, emailFirst(mandatory));
                    try (ResultSet rows = chunk.executeQuery()) {
                        rows.next();
                        result[0] = rows.getLong(2);
                        result[1] = rows.getLong(3);
                    }
                }
            });
            if (result[1] > 0) {
                entityManager.createNativeQuery("update message set completed_at = null where id = :id"
                        + " and completed_at is not null").setParameter("id", id).executeUpdate();
            }
            Log.infof("Message %s delivered to %d customers linked after its fan-out had passed them: %d deliveries",
                    id, result[0], result[1]);
            return true;
        });
        if (worked) {
            signals.signal(WorkSignals.Work.EMAIL);
            signals.signal(WorkSignals.Work.SMS);
        }
        return worked;
    }

    /** Whether a mandatory notice goes by email alone where the person has an address (SMS only as its fallback). */
    private boolean emailFirst(boolean mandatory) {
        return mandatory && config.mandatoryNotice().channels() == NotificationConfig.MandatoryNotice.Channels.FALLBACK;
    }

    private Object[] next() {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = entityManager.createNativeQuery("select m.id, m.source_key, m.incident_id, m.audience,"
                + " m.mandatory, m.urgent, m.fan_out_cursor, m.corrects, m.update_id, m.revision from message m"
                // Not paused or cancelled; a big send waits for its approval.
                + " where m.fanned_out_at is null and m.audience <> 'DIRECT' and " + MAY_GO_OUT
                // A correction waits until the revisions it corrects have finished, so its audience is final.
                + " and (m.corrects is null or not exists (select 1 from message c where c.update_id = m.update_id"
                + " and c.audience = m.audience and c.revision < m.revision and c.test_of is null"
                + " and c.completed_at is null and c.cancelled_at is null))"
                + " order by m.created_at limit 1 for update of m skip locked").getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }
}
