package org.candor.compliance.service;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.compliance.config.ComplianceConfig;

/**
 * Signed, expiring, single-purpose tokens for calendar feed links (the scheme of incident-service's public links):
 * HMAC-SHA256 over purpose, subject and expiry. A calendar application cannot send a bearer token, so the link is
 * the credential; it names what it opens (one incident's deadlines, or all open ones) and stops working when it
 * expires.
 */
@ApplicationScoped
public class FeedLinks {

    /** The purpose signed into every feed token: a token made for anything else does not open a feed. */
    public static final String PURPOSE = "compliance-calendar";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** A signed token and when it stops working. */
    public record Link(String token, Instant expiresAt) {
    }

    private final SecretKeySpec key;
    private final ComplianceConfig config;

    FeedLinks(ComplianceConfig config) {
        this.config = config;
        if (config.calendar().linkSecret().isEmpty()) {
            this.key = null;
            return;
        }
        byte[] secret = config.calendar().linkSecret().get().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("candor.compliance.calendar.link-secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether a signing key is configured. */
    public boolean enabled() {
        return key != null;
    }

    /** A token for {@code subject} ({@code incident:<id>} or {@code all}), valid for the configured time. */
    public Link sign(String subject, Instant now) {
        if (key == null) {
            throw new IllegalStateException("candor.compliance.calendar.link-secret is not set");
        }
        Instant expiresAt = now.plus(config.calendar().linkValidity());
        String payload = PURPOSE + "|" + subject + "|" + expiresAt.getEpochSecond();
        return new Link(ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(mac(payload)), expiresAt);
    }

    /** The subject of a valid, unexpired feed token; empty for anything else. */
    public Optional<String> verify(String token, Instant now) {
        if (key == null || token == null || token.length() > 1000) {
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
            if (parts.length != 3 || !parts[0].equals(PURPOSE) || now.getEpochSecond() > Long.parseLong(parts[2])) {
                return Optional.empty();
            }
            return Optional.of(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
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
