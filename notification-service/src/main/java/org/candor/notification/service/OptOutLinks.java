package org.candor.notification.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.notification.config.NotificationConfig;
import org.candor.notification.domain.Channel;

/**
 * Signed, expiring, single-purpose opt-out links, one per recipient and channel: an HMAC-SHA256 over
 * purpose, channel, expiry and recipient id. The link only opts that person out of that channel; a
 * changed byte or a passed expiry makes it worthless.
 */
@ApplicationScoped
public class OptOutLinks {

    /** What a valid link stands for. */
    public record OptOut(String recipientId, Channel channel) {
    }

    private static final String PURPOSE = "opt-out";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    // 128 bits of the MAC are plenty against forgery and keep the link short enough for some SMS.
    private static final int MAC_BYTES = 16;

    private final SecretKeySpec key;
    private final NotificationConfig config;
    private final Clock clock;

    OptOutLinks(NotificationConfig config, Clock clock) {
        byte[] secret = config.optOut().secret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new IllegalStateException("candor.notification.opt-out.secret must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.config = config;
        this.clock = clock;
    }

    /** The public page that opts {@code recipientId} out of non-mandatory messages on {@code channel}. */
    public String url(String recipientId, Channel channel, String language) {
        return config.publicBaseUrl().replaceAll("/+$", "") + "/opt-out/" + token(recipientId, channel) + "?lang="
                + MessageCatalog.language(language);
    }

    String token(String recipientId, Channel channel) {
        // At the midnight (UTC) after the validity: a person's link stays the same all day, so the short
        // link an SMS carries for it is written once a day, not once per message.
        long expires = clock.instant().plus(config.optOut().validity()).truncatedTo(java.time.temporal.ChronoUnit.DAYS)
                .plus(java.time.Duration.ofDays(1)).getEpochSecond();
        String payload = PURPOSE + "|" + channel.name().charAt(0) + "|" + expires + "|" + recipientId;
        return ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + ENCODER.encodeToString(mac(payload));
    }

    /** What a token opts out of, if it is genuine and unexpired; empty for anything else. */
    public Optional<OptOut> verify(String token) {
        if (token == null || token.length() > 600) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(DECODER.decode(token.substring(dot + 1)), mac(payload))) {
                return Optional.empty();
            }
            String[] parts = payload.split("\\|", 4);
            if (parts.length != 4 || !parts[0].equals(PURPOSE)
                    || clock.instant().getEpochSecond() > Long.parseLong(parts[2])) {
                return Optional.empty();
            }
            Channel channel = switch (parts[1]) {
                case "E" -> Channel.EMAIL;
                case "S" -> Channel.SMS;
                default -> null;
            };
            return channel == null ? Optional.empty() : Optional.of(new OptOut(parts[3], channel));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** When the opt-out link {@code url} (as {@link #url} made it) expires; empty for anything else. */
    public Optional<java.time.Instant> expiryOf(String url) {
        int start = url.indexOf("/opt-out/");
        if (start < 0) {
            return Optional.empty();
        }
        String token = url.substring(start + "/opt-out/".length()).replaceAll("[?#].*$", "");
        try {
            int dot = token.indexOf('.');
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            String[] parts = payload.split("\\|", 4);
            if (parts.length != 4 || !MessageDigest.isEqual(DECODER.decode(token.substring(dot + 1)), mac(payload))) {
                return Optional.empty();
            }
            return Optional.of(java.time.Instant.ofEpochSecond(Long.parseLong(parts[2])));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code token} was genuine but has expired: the page then says so rather than "invalid". */
    public boolean expired(String token) {
        try {
            int dot = token.indexOf('.');
            String payload = new String(DECODER.decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            String[] parts = payload.split("\\|", 4);
            return MessageDigest.isEqual(DECODER.decode(token.substring(dot + 1)), mac(payload)) && parts.length == 4
                    && clock.instant().getEpochSecond() > Long.parseLong(parts[2]);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
