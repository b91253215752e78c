package org.candor.incident.service.subscriptions;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.incident.config.IncidentConfig;

/**
 * Signed, expiring, single-purpose tokens for links sent to the public: HMAC-SHA256 over
 * purpose, subject and expiry. A token for one purpose is worthless for another.
 */
@ApplicationScoped
public class LinkSigner {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Clock clock;

    LinkSigner(IncidentConfig config, Clock clock) {
        byte[] secret = config.linkSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("candor.incident.link-secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
    }

    public String sign(String purpose, String subject, Duration validity) {
        String payload = purpose + "|" + subject + "|" + Instant.now(clock).plus(validity).getEpochSecond();
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** The subject of a valid, unexpired token for {@code purpose}; empty for anything else. */
    public Optional<String> verify(String purpose, String token) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(payload))) {
                return Optional.empty();
            }
            String[] parts = payload.split("\\|");
            if (parts.length != 3 || !parts[0].equals(purpose)
                    || Instant.now(clock).getEpochSecond() > Long.parseLong(parts[2])) {
                return Optional.empty();
            }
            return Optional.of(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A keyed digest (hex) of {@code value} for {@code purpose}: lets a row be found by a contact without storing it. */
    public String digest(String purpose, String value) {
        return java.util.HexFormat.of().formatHex(mac(purpose + "|" + value));
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
