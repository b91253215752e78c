package org.candor.support.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.support.config.SupportConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

/**
 * Signs and checks what proves a customer's identity in chat: one-time codes (only their HMAC is
 * stored), the keyed hashes by which an email address or phone number finds the customer it is on
 * record for (the address itself is never stored), and single-purpose, expiring resume tokens. The key
 * is configured per deployment and never committed; production refuses to start without it.
 */
@ApplicationScoped
@Startup
public class VerificationSigner {

    /** What a signed token is for; a token for one purpose is worthless for another. */
    public enum Purpose {
        CHAT_RESUME
    }

    /** The content of a valid token. */
    public record Claims(Purpose purpose, String subject, String customerId, Instant expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Optional<byte[]> key;

    VerificationSigner(SupportConfig config) {
        this.key = config.verification().secret().filter(secret -> !secret.isBlank())
                .map(secret -> secret.getBytes(StandardCharsets.UTF_8));
        if (key.isEmpty()) {
            Log.warn("candor.support.verification.secret is not set: customers cannot be verified in chat");
        } else if (key.get().length < 32) {
            Log.warn("candor.support.verification.secret is shorter than 32 bytes; use a longer random value");
        }
    }

    /** A random six-digit code. */
    public String newCode() {
        return String.format("%06d", RANDOM.nextInt(1_000_000));
    }

    /** Fails with 503 before anything is written when no key is configured. */
    public void requireConfigured() {
        if (key.isEmpty()) {
            throw notConfigured();
        }
    }

    /** The keyed hash of a normalised email address or phone number, as {@code customer_contact} keeps it. */
    public String contactHash(String kind, String normalised) {
        return hmac("contact|" + kind + "|" + normalised);
    }

    /** The HMAC of a code bound to a chat and a customer: what the database keeps instead of the code. */
    public String codeHmac(String chatId, String customerId, String code) {
        return hmac("chat-code|" + chatId + "|" + customerId + "|" + code);
    }

    public boolean sameHmac(String expected, String actual) {
        return expected != null && actual != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    /** A token {@code payload.signature} for {@code purpose}, bound to {@code subject} (a chat id). */
    public String sign(Purpose purpose, String subject, String customerId, Instant expiresAt) {
        String payload = purpose + "|" + subject + "|" + (customerId == null ? "" : customerId) + "|"
                + expiresAt.getEpochSecond();
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + hmac(payload);
    }

    /** The claims of a token signed by us for {@code purpose} that has not expired by {@code now}, if any. */
    public Optional<Claims> verify(String token, Purpose purpose, Instant now) {
        if (token == null || token.length() > 1000) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!sameHmac(hmac(payload), token.substring(dot + 1))) {
            return Optional.empty();
        }
        String[] parts = payload.split("\\|", -1);
        if (parts.length != 4 || !parts[0].equals(purpose.name())) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(parts[3]));
        if (!now.isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new Claims(purpose, parts[1], parts[2].isEmpty() ? null : parts[2], expiresAt));
    }

    private static ProblemException notConfigured() {
        return new ProblemException(Problem.of(Response.Status.SERVICE_UNAVAILABLE, "Customer verification is not configured"));
    }

    private String hmac(String data) {
        byte[] secret = key.orElseThrow(VerificationSigner::notConfigured);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
