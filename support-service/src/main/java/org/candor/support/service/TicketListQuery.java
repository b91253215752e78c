package org.candor.support.service;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.support.domain.Channel;
import org.candor.support.domain.Priority;
import org.candor.support.domain.TicketStatus;

/**
 * The ticket list: filters, full-text search, sorts and keyset paging, read as one select of the listed columns
 * straight from the rows into {@link ListedTicket}s on a pooled connection, without entities or a persistence
 * context. Columns are read by name.
 */
@ApplicationScoped
public class TicketListQuery {

    /** Longest search text accepted. */
    public static final int MAX_SEARCH_LENGTH = 200;

    /**
     * Which tickets to list, in which order, from where. {@code search} is matched as web search syntax (words,
     * {@code "a phrase"}, {@code or}, {@code -word}) in German and in English.
     */
    public record TicketFilter(TicketStatus status, String queue, UUID incidentId, String assignee, Channel channel,
            Boolean slaBreached, String customerId, String search, TicketSort sort, String cursor, int limit) {
    }

    /** One page of tickets and the cursor of the next, or null at the end. */
    public record Page(List<ListedTicket> items, String nextCursor) {
    }

    /** A ticket as the list shows it (no due dates); {@code slaPaused} while its clock does not run. */
    public record ListedTicket(long seq, UUID id, Channel channel, TicketStatus status, Priority priority, String queue,
            String subject, String customerId, String locale, String country, UUID incidentId, UUID problemId,
            String assignee, Instant createdAt, Instant updatedAt, Instant firstRespondedAt, Instant resolvedAt,
            Instant closedAt, boolean slaPaused, boolean slaAtRisk, boolean slaBreached, String slaBreachedTargets,
            Instant slaDueAt, Instant lastCustomerMessageAt) {
    }

    private static final String SELECT = """
            select seq, id, channel, status, priority, queue, subject, customer_id, locale, country, incident_id,
                   problem_id, assignee, created_at, updated_at, first_responded_at, resolved_at, closed_at,
                   sla_running_since is null as sla_paused, sla_at_risk, sla_breached, sla_breached_targets,
                   sla_due_at, last_customer_message_at""";

    /** Both configurations: a customer may write German to an English desk and the other way round. */
    private static final String SEARCH_QUERY = "(websearch_to_tsquery('german', ?) || websearch_to_tsquery('english', ?))";

    private final DataSource dataSource;

    TicketListQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page list(TicketFilter filter) {
        TicketSort sort = filter.sort();
        StringBuilder sql = new StringBuilder(SELECT);
        if (sort.key() != null) {
            sql.append(", ").append(sort.key()).append(" as sort_key");
        }
        sql.append(" from ticket where true");
        List<Object> parameters = new ArrayList<>(10);
        condition(sql, parameters, " and status = ?", filter.status() == null ? null : filter.status().name());
        condition(sql, parameters, " and queue = ?", filter.queue());
        condition(sql, parameters, " and incident_id = ?", filter.incidentId());
        condition(sql, parameters, " and assignee = ?", filter.assignee());
        condition(sql, parameters, " and channel = ?", filter.channel() == null ? null : filter.channel().name());
        condition(sql, parameters, " and sla_breached = ?", filter.slaBreached());
        condition(sql, parameters, " and customer_id = ?", filter.customerId());
        Long number = filter.search() != null && filter.search().strip().toUpperCase(java.util.Locale.ROOT).startsWith("T-")
                ? org.candor.support.domain.Ticket.number(filter.search()) : null;
        if (number != null) {
            // The reference a customer quotes (T-1042): that ticket.
            condition(sql, parameters, " and seq = ?", number);
        } else if (filter.search() != null) {
            sql.append(" and id in (select id from ticket where search_vector @@ ").append(SEARCH_QUERY)
                    .append(" union select ticket_id from ticket_message where search_vector @@ ").append(SEARCH_QUERY)
                    .append(")");
            for (int i = 0; i < 4; i++) {
                parameters.add(filter.search());
            }
        }
        String direction = sort.ascending() ? " asc" : " desc";
        if (filter.cursor() != null) {
            Cursor cursor = Cursor.decode(filter.cursor(), sort);
            String comparison = sort.ascending() ? " > " : " < ";
            if (sort.key() == null) {
                sql.append(" and seq").append(comparison).append("?");
            } else {
                sql.append(" and (").append(sort.key()).append(", seq)").append(comparison).append("(?::")
                        .append(sort.keyType()).append(", ?)");
                parameters.add(cursor.key());
            }
            parameters.add(cursor.seq());
        }
        sql.append(" order by ");
        if (sort.key() != null) {
            sql.append(sort.key()).append(direction).append(", ");
        }
        sql.append("seq").append(direction).append(" limit ?");
        parameters.add(filter.limit() + 1);
        List<ListedTicket> rows = new ArrayList<>(Math.min(filter.limit() + 1, 64));
        List<String> keys = new ArrayList<>(Math.min(filter.limit() + 1, 64));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(listed(result));
                    keys.add(sort.key() == null ? null : key(result, sort));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Listing tickets failed", e);
        }
        if (rows.size() <= filter.limit()) {
            return new Page(rows, null);
        }
        List<ListedTicket> page = rows.subList(0, filter.limit());
        int last = page.size() - 1;
        return new Page(page, new Cursor(sort, keys.get(last), page.get(last).seq()).encode());
    }

    private static void condition(StringBuilder sql, List<Object> parameters, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            parameters.add(value);
        }
    }

    private static ListedTicket listed(ResultSet row) throws SQLException {
        return new ListedTicket(row.getLong("seq"), row.getObject("id", UUID.class),
                Channel.valueOf(row.getString("channel")), TicketStatus.valueOf(row.getString("status")),
                Priority.valueOf(row.getString("priority")), row.getString("queue"), row.getString("subject"),
                row.getString("customer_id"), row.getString("locale"), row.getString("country"),
                row.getObject("incident_id", UUID.class), row.getObject("problem_id", UUID.class),
                row.getString("assignee"), instant(row, "created_at"), instant(row, "updated_at"),
                instant(row, "first_responded_at"), instant(row, "resolved_at"), instant(row, "closed_at"),
                row.getBoolean("sla_paused"), row.getBoolean("sla_at_risk"), row.getBoolean("sla_breached"),
                row.getString("sla_breached_targets"), instant(row, "sla_due_at"),
                instant(row, "last_customer_message_at"));
    }

    /** The sort key of the row as its cursor carries it: an integer, an instant, or ±infinity. */
    private static String key(ResultSet row, TicketSort sort) throws SQLException {
        if (sort == TicketSort.PRIORITY) {
            return Integer.toString(row.getInt("sort_key"));
        }
        String text = row.getString("sort_key");
        if ("infinity".equals(text) || "-infinity".equals(text)) {
            return text;
        }
        return row.getObject("sort_key", OffsetDateTime.class).toInstant().toString();
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * Where a page ended: {@code s:<seq>} for newest and oldest (as before there were other sorts), or
     * {@code k:<sort>:<key>:<seq>}. A cursor of another sort, or one this API did not write, is refused.
     */
    private record Cursor(TicketSort sort, String key, long seq) {

        String encode() {
            String text = sort.key() == null ? "s:" + seq : "k:" + sort.parameter() + ":" + key + ":" + seq;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String cursor, TicketSort sort) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                if (sort.key() == null) {
                    if (!decoded.startsWith("s:")) {
                        throw new IllegalArgumentException();
                    }
                    return new Cursor(sort, null, Long.parseLong(decoded.substring(2)));
                }
                String prefix = "k:" + sort.parameter() + ":";
                int lastColon = decoded.lastIndexOf(':');
                if (!decoded.startsWith(prefix) || lastColon < prefix.length()) {
                    throw new IllegalArgumentException();
                }
                String key = decoded.substring(prefix.length(), lastColon);
                long seq = Long.parseLong(decoded.substring(lastColon + 1));
                if (sort == TicketSort.PRIORITY) {
                    Integer.parseInt(key);
                } else if (!"infinity".equals(key) && !"-infinity".equals(key)) {
                    Instant.parse(key);
                }
                return new Cursor(sort, key, seq);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw Problems.invalid("cursor", "is not a cursor this API returned for sort=" + sort.parameter());
            }
        }
    }
}
