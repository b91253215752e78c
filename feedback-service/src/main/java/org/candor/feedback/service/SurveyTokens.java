package org.candor.feedback.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.feedback.config.FeedbackConfig;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * Personal survey links: {@code base64url(invitation id, expiry) . base64url(HMAC-SHA256)}. The
 * signature makes them unforgeable, the expiry makes them expire; single use is the invitation's state.
 */
@ApplicationScoped
@Startup
public class SurveyTokens {

    /** What a presented token turned out to be. */
    public enum Verdict { VALID, TAMPERED, EXPIRED }

    /** A checked token; {@code invitationId} is null unless the signature was good. */
    public record Checked(Verdict verdict, UUID invitationId, Instant expiresAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int PAYLOAD_BYTES = 24;

    private final SecretKeySpec key;
    private final Clock clock;

    SurveyTokens(FeedbackConfig config, Clock clock) {
        this.clock = clock;
        byte[] secret;
        if (config.tokenSecret().isPresent()) {
            secret = config.tokenSecret().get().getBytes(StandardCharsets.UTF_8);
        } else if (LaunchMode.current().isDevOrTest()) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Log.info("No candor.feedback.token-secret set: survey links are signed with a random key for this run");
        } else {
            throw new IllegalStateException("candor.feedback.token-secret (CANDOR_FEEDBACK_TOKEN_SECRET) must be set");
        }
        if (secret.length < 32) {
            throw new IllegalStateException("candor.feedback.token-secret must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String issue(UUID invitationId, Instant expiresAt) {
        byte[] payload = ByteBuffer.allocate(PAYLOAD_BYTES)
                .putLong(invitationId.getMostSignificantBits())
                .putLong(invitationId.getLeastSignificantBits())
                .putLong(expiresAt.getEpochSecond())
                .array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(sign(payload));
    }

    public Checked check(String token) {
        if (token == null) {
            return new Checked(Verdict.TAMPERED, null, null);
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return new Checked(Verdict.TAMPERED, null, null);
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(token.substring(0, dot));
            signature = DECODER.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Checked(Verdict.TAMPERED, null, null);
        }
        if (payload.length != PAYLOAD_BYTES || !MessageDigest.isEqual(sign(payload), signature)) {
            return new Checked(Verdict.TAMPERED, null, null);
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        UUID invitationId = new UUID(buffer.getLong(), buffer.getLong());
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        Verdict verdict = clock.instant().isBefore(expiresAt) ? Verdict.VALID : Verdict.EXPIRED;
        return new Checked(verdict, invitationId, expiresAt);
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
