package org.candor.compliance.service;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.DeliveryEvidence;
import org.candor.contracts.customer.AffectedCustomer;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationDelivered;
import org.candor.contracts.notification.NotificationNotReached;
import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How many affected people were told about an incident, and when (GDPR Art. 34, US state notices). */
@ApplicationScoped
public class EvidenceService {

    /**
     * The messages that tell affected people about the incident itself: the breach notice (GDPR Art. 34) and
     * later updates to them. Everything else notification-service sends for an incident (ticket replies,
     * verification and assistance codes, survey invitations, reminders to the DPO) is not evidence that a
     * person was told of the breach, even though it names the incident and the customer.
     */
    static final Set<String> NOTICES = Set.of("breach-notice", "status-update");

    /** How many people not reached are listed one by one; the counts always cover all of them. */
    static final int LISTED = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EntityManager entityManager;
    private final AuditLog audit;

    EvidenceService(EntityManager entityManager, AuditLog audit) {
        this.entityManager = entityManager;
        this.audit = audit;
    }

    /**
     * Evidence in one country (region null) or one region of it.
     *
     * @param peopleTold distinct people with at least one delivered notice
     * @param channels per channel (EMAIL, SMS): people told on it and notices delivered on it
     * @param notReached people a notice failed to reach on every channel and that no notice reached
     */
    public record PlaceEvidence(String country, String region, long peopleTold, long deliveries,
            Instant firstDeliveredAt, Instant lastDeliveredAt, Map<String, ChannelEvidence> channels, long notReached) {
    }

    public record ChannelEvidence(long people, long deliveries) {
    }

    /** A country with its regions; country null for people whose place is not known (yet). */
    public record Jurisdiction(String country, PlaceEvidence total, List<PlaceEvidence> regions) {
    }

    /**
     * People not reached, counted apart from those told.
     *
     * @param reasons per channel and reason, how many people
     * @param listed up to {@value #LISTED} people, latest first; {@code truncated} when there are more
     */
    public record NotReached(long people, List<Reason> reasons, List<Person> listed, boolean truncated) {
    }

    public record Reason(String channel, String reason, long people) {
    }

    public record Person(String customerId, String country, String region, String messageType, Instant notReachedAt,
            List<NotificationNotReached.Attempt> attempts) {
    }

    /** The evidence of one incident: totals, per country and region, and who was not reached. */
    public record Evidence(UUID incidentId, long peopleTold, long deliveries, Instant firstDeliveredAt,
            Instant lastDeliveredAt, List<Jurisdiction> jurisdictions, NotReached notReached) {
    }

    /** Keeps where an affected customer lives; nothing else of the customer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPlace(UUID incidentId, AffectedCustomer customer, Instant at) {
        if (incidentId == null || customer == null || customer.customerId() == null || customer.country() == null) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into customer_place (incident_id, customer_id, country, region, updated_at)
                values (:incident, :customer, :country, :region, :at)
                on conflict (incident_id, customer_id) do update set country = excluded.country,
                 region = excluded.region, updated_at = excluded.updated_at
                 where customer_place.updated_at <= excluded.updated_at""")
                .setParameter("incident", incidentId).setParameter("customer", customer.customerId())
                .setParameter("country", customer.country()).setParameter("region", customer.region())
                .setParameter("at", at == null ? Instant.now() : at).executeUpdate();
    }

    /** The customer turned out not to be affected: their place is no longer counted (evidence already kept stays). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void removePlace(UUID incidentId, String customerId) {
        entityManager.createNativeQuery("delete from customer_place where incident_id = :incident and customer_id = :customer")
                .setParameter("incident", incidentId).setParameter("customer", customerId).executeUpdate();
    }

    /** Erasure: where the customer lives is forgotten; their evidence is then counted under an unknown place. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void erasePlaces(String customerId) {
        entityManager.createNativeQuery("delete from customer_place where customer_id = :customer")
                .setParameter("customer", customerId).executeUpdate();
    }

    /** A notice that failed on every channel; the same message and person again changes nothing. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordNotReached(NotificationNotReached event) {
        if (event.incidentId() == null || event.customerId() == null || !NOTICES.contains(event.messageType())) {
            return;
        }
        String attempts;
        try {
            attempts = JSON.writeValueAsString(event.attempts() == null ? List.of() : event.attempts());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("attempts cannot be written", e);
        }
        int inserted = entityManager.createNativeQuery("""
                insert into not_reached (message_id, customer_id, incident_id, message_type, attempts, not_reached_at)
                values (:message, :customer, :incident, :type, cast(:attempts as jsonb), :at)
                on conflict (message_id, customer_id) do nothing""")
                .setParameter("message", event.messageId()).setParameter("customer", event.customerId())
                .setParameter("incident", event.incidentId()).setParameter("type", event.messageType())
                .setParameter("attempts", attempts).setParameter("at", event.notReachedAt()).executeUpdate();
        if (inserted > 0) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("messageId", event.messageId());
            details.put("customerId", event.customerId());
            details.put("messageType", event.messageType());
            details.put("channels", event.attempts() == null ? List.of()
                    : event.attempts().stream().map(NotificationNotReached.Attempt::channel).toList());
            details.put("notReachedAt", event.notReachedAt());
            audit.append(ObligationService.SYSTEM, "evidence.not-reached", "incident/" + event.incidentId(), details);
        }
    }

    /** Totals, every country and region where people were told or not reached, and the people not reached. */
    @Transactional
    public Evidence evidence(UUID incidentId) {
        Summary summary = summary(incidentId);
        Map<String, long[]> people = new LinkedHashMap<>();
        Map<String, Instant[]> times = new LinkedHashMap<>();
        Map<String, Map<String, ChannelEvidence>> channels = new LinkedHashMap<>();
        Map<String, Long> notReached = new LinkedHashMap<>();
        // Per place (and per country, region null, through grouping sets): people told, deliveries, first, last.
        List<Object[]> told = rows("""
                select p.country, p.region, grouping(p.region), count(distinct e.customer_id), count(*),
                       min(e.delivered_at), max(e.delivered_at)
                from delivery_evidence e left join customer_place p
                  on p.incident_id = e.incident_id and p.customer_id = e.customer_id
                where e.incident_id = :incident
                group by grouping sets ((p.country, p.region), (p.country))""", incidentId);
        for (Object[] row : told) {
            String key = key(row);
            if (key == null) {
                continue;
            }
            people.put(key, new long[] {number(row[3]), number(row[4])});
            times.put(key, new Instant[] {instant(row[5]), instant(row[6])});
        }
        for (Object[] row : rows("""
                select p.country, p.region, grouping(p.region), e.channel, count(distinct e.customer_id), count(*)
                from delivery_evidence e left join customer_place p
                  on p.incident_id = e.incident_id and p.customer_id = e.customer_id
                where e.incident_id = :incident
                group by grouping sets ((p.country, p.region, e.channel), (p.country, e.channel))""", incidentId)) {
            if (key(row) == null) {
                continue;
            }
            channels.computeIfAbsent(key(row), k -> new TreeMap<>())
                    .put((String) row[3], new ChannelEvidence(number(row[4]), number(row[5])));
        }
        for (Object[] row : rows("""
                select p.country, p.region, grouping(p.region), count(distinct n.customer_id)
                from not_reached n left join customer_place p
                  on p.incident_id = n.incident_id and p.customer_id = n.customer_id
                where n.incident_id = :incident and not exists (select 1 from delivery_evidence e
                  where e.incident_id = n.incident_id and e.customer_id = n.customer_id)
                group by grouping sets ((p.country, p.region), (p.country))""", incidentId)) {
            if (key(row) != null) {
                notReached.put(key(row), number(row[3]));
            }
        }
        Set<String> keys = new java.util.TreeSet<>();
        keys.addAll(people.keySet());
        keys.addAll(notReached.keySet());
        Map<String, List<PlaceEvidence>> regions = new TreeMap<>();
        Map<String, PlaceEvidence> countries = new TreeMap<>();
        for (String key : keys) {
            String country = key.substring(0, key.indexOf('|'));
            String region = key.endsWith("|") ? null : key.substring(key.indexOf('|') + 1);
            long[] counts = people.getOrDefault(key, new long[2]);
            Instant[] when = times.getOrDefault(key, new Instant[2]);
            PlaceEvidence place = new PlaceEvidence(country.isEmpty() ? null : country, region, counts[0], counts[1],
                    when[0], when[1], channels.getOrDefault(key, Map.of()), notReached.getOrDefault(key, 0L));
            if (region == null) {
                countries.put(country, place);
            } else {
                regions.computeIfAbsent(country, c -> new ArrayList<>()).add(place);
            }
        }
        List<Jurisdiction> jurisdictions = new ArrayList<>();
        countries.forEach((country, total) -> jurisdictions.add(new Jurisdiction(total.country(), total,
                regions.getOrDefault(country, List.of()))));
        return new Evidence(incidentId, summary.peopleTold(), summary.deliveries(), summary.firstDeliveredAt(),
                summary.lastDeliveredAt(), jurisdictions, notReached(incidentId));
    }

    /** People told and people not reached in each region (ISO 3166-2), for the obligations of a state's notice. */
    @Transactional
    public Map<String, long[]> byRegion(UUID incidentId) {
        Map<String, long[]> counts = new TreeMap<>();
        for (Object[] row : rows("""
                select p.region, count(distinct e.customer_id) from delivery_evidence e join customer_place p
                  on p.incident_id = e.incident_id and p.customer_id = e.customer_id
                where e.incident_id = :incident and p.region is not null group by p.region""", incidentId)) {
            counts.computeIfAbsent((String) row[0], r -> new long[2])[0] = number(row[1]);
        }
        for (Object[] row : rows("""
                select p.region, count(distinct n.customer_id) from not_reached n join customer_place p
                  on p.incident_id = n.incident_id and p.customer_id = n.customer_id
                where n.incident_id = :incident and p.region is not null and not exists (select 1 from delivery_evidence e
                  where e.incident_id = n.incident_id and e.customer_id = n.customer_id)
                group by p.region""", incidentId)) {
            counts.computeIfAbsent((String) row[0], r -> new long[2])[1] = number(row[1]);
        }
        return counts;
    }

    private NotReached notReached(UUID incidentId) {
        List<Object[]> rows = rows("""
                select distinct on (n.customer_id) n.customer_id, p.country, p.region, n.message_type, n.not_reached_at,
                       cast(n.attempts as text)
                from not_reached n left join customer_place p
                  on p.incident_id = n.incident_id and p.customer_id = n.customer_id
                where n.incident_id = :incident and not exists (select 1 from delivery_evidence e
                  where e.incident_id = n.incident_id and e.customer_id = n.customer_id)
                order by n.customer_id, n.not_reached_at desc""", incidentId);
        List<Person> persons = new ArrayList<>();
        Map<String, Map<String, Set<String>>> reasons = new TreeMap<>();
        for (Object[] row : rows) {
            List<NotificationNotReached.Attempt> attempts;
            try {
                attempts = JSON.readValue((String) row[5], new TypeReference<List<NotificationNotReached.Attempt>>() {
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("attempts of a not-reached notice cannot be read", e);
            }
            String customer = (String) row[0];
            for (NotificationNotReached.Attempt attempt : attempts) {
                reasons.computeIfAbsent(String.valueOf(attempt.channel()), c -> new TreeMap<>())
                        .computeIfAbsent(String.valueOf(attempt.reason()), r -> new java.util.HashSet<>()).add(customer);
            }
            persons.add(new Person(customer, (String) row[1], (String) row[2], (String) row[3], instant(row[4]), attempts));
        }
        persons.sort(Comparator.comparing(Person::notReachedAt).reversed().thenComparing(Person::customerId));
        List<Reason> byReason = new ArrayList<>();
        reasons.forEach((channel, perReason) -> perReason.forEach((reason, customers) ->
                byReason.add(new Reason(channel, reason, customers.size()))));
        byReason.sort(Comparator.comparingLong(Reason::people).reversed().thenComparing(Reason::channel)
                .thenComparing(Reason::reason));
        return new NotReached(persons.size(), byReason, List.copyOf(persons.subList(0, Math.min(LISTED, persons.size()))),
                persons.size() > LISTED);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, UUID incidentId) {
        return entityManager.createNativeQuery(sql).setParameter("incident", incidentId).getResultList();
    }

    /**
     * "country|region", "country|" for a country's total (an unknown place has an empty country); null for the
     * people of a country without a region, who are counted in its total only.
     */
    private static String key(Object[] row) {
        String country = row[0] == null ? "" : (String) row[0];
        if (number(row[2]) == 1) {
            return country + "|";
        }
        return row[1] == null ? null : country + "|" + row[1];
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("Not a time: " + value.getClass());
    }

    /**
     * @param peopleTold distinct affected customers with at least one delivered message
     * @param deliveries delivered messages
     */
    public record Summary(UUID incidentId, long peopleTold, long deliveries, Instant firstDeliveredAt,
            Instant lastDeliveredAt) {
    }

    /** One delivered message (the single event of earlier versions). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDelivered(NotificationDelivered event) {
        record(List.of(new NotificationBatchDelivered.Delivered(event.deliveryId(), event.incidentId(),
                event.customerId(), event.messageType(), event.channel(), event.provider(), event.deliveredAt())));
    }

    /**
     * Keeps the evidence of a batch of delivered messages to affected customers about an incident, in one
     * statement; a delivery already recorded (an event delivered again) stays as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDelivered(NotificationBatchDelivered batch) {
        record(batch.deliveries());
    }

    /**
     * Inserts the evidence in one statement and appends one audit chain entry per incident of the batch for the
     * deliveries that were new, however many: the chain stays short enough to verify quickly while committing to
     * each delivery through the digest of their ids.
     */
    private void record(List<NotificationBatchDelivered.Delivered> deliveries) {
        List<NotificationBatchDelivered.Delivered> evidence = deliveries.stream()
                .filter(d -> d.incidentId() != null && d.customerId() != null && NOTICES.contains(d.messageType()))
                .toList();
        if (evidence.isEmpty()) {
            return;
        }
        Set<UUID> inserted = new java.util.HashSet<>();
        entityManager.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into delivery_evidence (delivery_id, incident_id, customer_id, message_type, channel, delivered_at)
                    select * from unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::varchar[], ?::timestamptz[])
                    on conflict (delivery_id) do nothing returning delivery_id""")) {
                insert.setArray(1, connection.createArrayOf("uuid", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::deliveryId).toArray()));
                insert.setArray(2, connection.createArrayOf("uuid", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::incidentId).toArray()));
                insert.setArray(3, connection.createArrayOf("varchar", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::customerId).toArray()));
                insert.setArray(4, connection.createArrayOf("varchar", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::messageType).toArray()));
                insert.setArray(5, connection.createArrayOf("varchar", evidence.stream()
                        .map(NotificationBatchDelivered.Delivered::channel).toArray()));
                insert.setArray(6, connection.createArrayOf("timestamptz", evidence.stream()
                        .map(d -> d.deliveredAt().toString()).toArray()));
                try (java.sql.ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        inserted.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        Map<UUID, List<NotificationBatchDelivered.Delivered>> byIncident = new TreeMap<>();
        evidence.stream().filter(d -> inserted.contains(d.deliveryId()))
                .forEach(d -> byIncident.computeIfAbsent(d.incidentId(), i -> new ArrayList<>()).add(d));
        byIncident.forEach((incident, recorded) -> {
            Map<String, Long> channels = new TreeMap<>();
            recorded.forEach(d -> channels.merge(d.channel(), 1L, Long::sum));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("deliveries", recorded.size());
            details.put("people", recorded.stream().map(NotificationBatchDelivered.Delivered::customerId).distinct().count());
            details.put("channels", channels);
            details.put("firstDeliveredAt", recorded.stream().map(NotificationBatchDelivered.Delivered::deliveredAt)
                    .min(Comparator.naturalOrder()).orElseThrow());
            details.put("lastDeliveredAt", recorded.stream().map(NotificationBatchDelivered.Delivered::deliveredAt)
                    .max(Comparator.naturalOrder()).orElseThrow());
            details.put("deliveryIdsSha256", AuditLog.sha256(recorded.stream().map(d -> d.deliveryId().toString())
                    .sorted().collect(java.util.stream.Collectors.joining("\n"))));
            audit.append(ObligationService.SYSTEM, "evidence.recorded", "incident/" + incident, details);
        });
    }

    @Transactional
    public Summary summary(UUID incidentId) {
        Object[] row = (Object[]) entityManager.createQuery("select count(distinct e.customerId), count(e),"
                + " min(e.deliveredAt), max(e.deliveredAt) from DeliveryEvidence e where e.incidentId = :incident")
                .setParameter("incident", incidentId).getSingleResult();
        return new Summary(incidentId, (Long) row[0], (Long) row[1], (Instant) row[2], (Instant) row[3]);
    }
}
