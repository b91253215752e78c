package org.candor.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The people of an incident a mandatory notice reached on no channel, for the organisation to reach
 * another way (GDPR Art. 34(3)(c)): customer id, channels tried and why each failed. No addresses, no bodies.
 */
@ApplicationScoped
public class NotReachedService {

    /** One channel tried and why it failed. */
    public record Attempt(String channel, String reason) {
    }

    /** One person one mandatory message did not reach. */
    public record Entry(String customerId, UUID messageId, String messageType, List<String> channelsTried,
            List<Attempt> attempts, Instant notReachedAt) {
    }

    /** A page of the list, ordered by customer id and message. */
    public record Page(UUID incidentId, long total, int page, int size, List<Entry> items) {
    }

    private static final String COLUMNS = "select recipient_id, message_id, message_type, attempts::text, not_reached_at"
            + " from not_reached where incident_id = :incident";

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;

    NotReachedService(EntityManager entityManager, ObjectMapper objectMapper) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
    }

    public Page page(UUID incidentId, int page, int size) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            long total = ((Number) entityManager.createNativeQuery("select count(*) from not_reached where incident_id = :incident")
                    .setParameter("incident", incidentId).getSingleResult()).longValue();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(COLUMNS + " order by recipient_id, message_id")
                    .setParameter("incident", incidentId)
                    .setFirstResult((int) Math.min((long) page * size, Integer.MAX_VALUE)).setMaxResults(size)
                    .getResultList();
            return new Page(incidentId, total, page, size, rows.stream().map(this::entry).toList());
        });
    }

    /** Up to {@code limit} entries after (customer id, message id), for an export that walks the whole list. */
    public List<Entry> after(UUID incidentId, String customerId, UUID messageId, int limit) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(COLUMNS
                    + " and (recipient_id, message_id) > (cast(:customer as varchar), cast(:message as uuid))"
                    + " order by recipient_id, message_id")
                    .setParameter("incident", incidentId).setParameter("customer", customerId == null ? "" : customerId)
                    .setParameter("message", messageId == null ? new UUID(0, 0) : messageId)
                    .setMaxResults(limit).getResultList();
            return rows.stream().map(this::entry).toList();
        });
    }

    private Entry entry(Object[] row) {
        List<Attempt> attempts;
        try {
            attempts = objectMapper.readValue((String) row[3], new TypeReference<List<Attempt>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Entry((String) row[0], (UUID) row[1], (String) row[2], attempts.stream().map(Attempt::channel).toList(),
                attempts, instant(row[4]));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
