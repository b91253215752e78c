package org.candor.notification.service;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.notification.config.NotificationConfig;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Short links for SMS: {@code <public-base-url>/s/<code>} stands for one long signed link (a
 * subscriber's unsubscribe page, a customer's opt-out page, a confirmation link) and redirects to it.
 *
 * <ul>
 * <li><b>Unguessable:</b> the code is 72 bits (12 base64url characters) of an HMAC-SHA256 over purpose,
 * expiry and target, under a key derived from the opt-out secret; without the key no code can be
 * predicted from a link, and guessing one among a million live codes takes about 2^52 tries (the public
 * Ingress allows 10 requests per second per client).</li>
 * <li><b>Expiring like its link:</b> the code's expiry is the expiry of the link it stands for (or
 * {@code short-links.validity} when that link does not say, never longer than it).</li>
 * <li><b>Single-purpose:</b> a code stands for exactly one link and carries the purpose it was made for.</li>
 * <li><b>Not an open redirect:</b> only links to Candor's own pages (the origin of {@code public-base-url}
 * and {@code short-links.allowed-origins}) are shortened, and a stored target is checked again before
 * each redirect.</li>
 * </ul>
 *
 * The same link with the same expiry gives the same code, so rendering a message again (a retry, a
 * crash) writes nothing new. A row is written before the SMS that carries it is handed to the provider.
 */
@ApplicationScoped
public class ShortLinks {

    /** The path the redirect is served under. */
    public static final String PATH = "/s/";
    private static final int CODE_BYTES = 9;
    /** Used only if two links' codes collide (about once in 10^10 million-link sends). */
    private static final int LONG_CODE_BYTES = 12;
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{12}|[A-Za-z0-9_-]{16}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int REMEMBERED = 10_000;

    /** What a code stands for. */
    public record Resolved(Status status, String target) {

        public enum Status {
            FOUND, EXPIRED, UNKNOWN
        }
    }

    /** A link as its short form, not yet stored. */
    public record Short(String url, String code, String purpose, String target, Instant expiresAt) {
    }

    private final NotificationConfig config;
    private final DataSource dataSource;
    private final Clock clock;
    private final SecretKeySpec key;
    private final String base;
    private final Set<String> origins = new TreeSet<>();
    /** Codes known to be stored, so a link every message shares is written once, not once per message. */
    private final Map<String, Boolean> stored = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    ShortLinks(NotificationConfig config, DataSource dataSource, Clock clock) {
        this.config = config;
        this.dataSource = dataSource;
        this.clock = clock;
        byte[] secret = config.optOut().secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("candor.notification.opt-out.secret must be at least 32 bytes");
        }
        // A key of its own, derived from the opt-out secret: a code is never a valid opt-out MAC and vice versa.
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(secret, "HmacSHA256"), "candor short links"), "HmacSHA256");
        this.base = config.publicBaseUrl().replaceAll("/+$", "");
        origins.add(origin(base).orElseThrow(
                () -> new IllegalStateException("candor.notification.public-base-url is not an http(s) address: " + base)));
        config.shortLinks().allowedOrigins().ifPresent(list -> list.forEach(allowed -> origins.add(origin(allowed.strip())
                .orElseThrow(() -> new IllegalStateException(
                        "candor.notification.short-links.allowed-origins holds a value that is not an http(s) origin: " + allowed)))));
    }

    /** How long a short link is: the base, the path and the code. */
    public int length() {
        return base.length() + PATH.length() + 12;
    }

    /** The expiry given to a link that does not tell its own: {@code short-links.validity} from now, at the next midnight UTC. */
    public Instant defaultExpiry() {
        return clock.instant().plus(config.shortLinks().validity()).truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
    }

    /** Whether {@code link} leads to one of Candor's own pages, so that a short link may stand for it. */
    public boolean allowed(String link) {
        return origin(link).map(origins::contains).orElse(false);
    }

    /** The short form of {@code target}, not yet stored; empty when the target is not one of Candor's pages. */
    public Optional<Short> of(String purpose, String target, Instant expiresAt) {
        if (!allowed(target)) {
            return Optional.empty();
        }
        String code = code(purpose, target, expiresAt, CODE_BYTES);
        return Optional.of(new Short(base + PATH + code, code, purpose, target, expiresAt));
    }

    /**
     * Stores {@code link} (idempotent) and returns the URL to send: its own, or, if its code was taken by
     * another link, a longer code's.
     */
    public String store(Short link) {
        String remembered = link.code() + "|" + link.target();
        synchronized (stored) {
            if (stored.containsKey(remembered)) {
                return link.url();
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            if (insert(connection, link.code(), link)) {
                synchronized (stored) {
                    stored.put(remembered, Boolean.TRUE);
                }
                return link.url();
            }
            String longer = code(link.purpose(), link.target(), link.expiresAt(), LONG_CODE_BYTES);
            Log.warnf("Short link code %s collided; using a longer code", link.code());
            if (!insert(connection, longer, link)) {
                throw new IllegalStateException("Short link codes collided twice");
            }
            return base + PATH + longer;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store a short link", e);
        }
    }

    /** Inserts the code, or finds it already there for the same target; false when another target holds it. */
    private static boolean insert(Connection connection, String code, Short link) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into short_link (code, purpose, target,"
                + " expires_at) values (?, ?, ?, ?) on conflict (code) do nothing")) {
            insert.setString(1, code);
            insert.setString(2, link.purpose());
            insert.setString(3, link.target());
            insert.setTimestamp(4, Timestamp.from(link.expiresAt()));
            if (insert.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement select = connection.prepareStatement("select target from short_link where code = ?")) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                return row.next() && row.getString(1).equals(link.target());
            }
        }
    }

    /** What {@code code} stands for: a target only while it is unexpired and one of Candor's pages. */
    public Resolved resolve(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return new Resolved(Resolved.Status.UNKNOWN, null);
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select target, expires_at from short_link where code = ?")) {
            select.setString(1, code);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return new Resolved(Resolved.Status.UNKNOWN, null);
                }
                String target = row.getString(1);
                if (!clock.instant().isBefore(row.getTimestamp(2).toInstant())) {
                    return new Resolved(Resolved.Status.EXPIRED, null);
                }
                if (!allowed(target)) {
                    Log.warnf("Short link %s leads outside Candor's pages; not redirecting", code);
                    return new Resolved(Resolved.Status.UNKNOWN, null);
                }
                return new Resolved(Resolved.Status.FOUND, target);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read a short link", e);
        }
    }

    /** Forgets links that expired long enough ago. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void forgetExpired() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from short_link where expires_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(clock.instant().minus(config.shortLinks().keepExpired())));
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                Log.infof("Forgot %d expired short links", deleted);
            }
        } catch (SQLException e) {
            Log.errorf(e, "Forgetting expired short links failed");
        }
    }

    private String code(String purpose, String target, Instant expiresAt, int bytes) {
        byte[] mac = hmac(key, purpose + "|" + expiresAt.getEpochSecond() + "|" + target);
        return ENCODER.encodeToString(Arrays.copyOf(mac, bytes));
    }

    private static byte[] hmac(SecretKeySpec key, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code scheme://host:port} in lower case with the port always given; empty for anything but plain http(s). */
    static Optional<String> origin(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
