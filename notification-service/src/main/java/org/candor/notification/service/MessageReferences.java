package org.candor.notification.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.notification.config.NotificationConfig;

/**
 * The short reference of a delivery, {@code CND-XXXXX-XXXXX}: 50 bits of an HMAC-SHA256 of the
 * delivery id under a key derived from {@code opt-out.secret}, in Crockford's base32 (no I, L, O or
 * U, so it reads aloud and types without mix-ups). The same delivery always gets the same
 * reference, on every attempt; nobody can compute one from an incident or customer id, so a lookup
 * tells nothing about whom an organisation wrote to without the message in hand. A million
 * deliveries are one in 10^9 of the space: guessing a live one takes about a billion tries.
 */
@ApplicationScoped
public class MessageReferences {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final Pattern FORMAT = Pattern.compile("CND-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}");

    private final SecretKeySpec key;

    MessageReferences(NotificationConfig config) {
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(config.optOut().secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.key = new SecretKeySpec(derive.doFinal("message-reference".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The reference of delivery {@code deliveryId}. */
    public String of(UUID deliveryId) {
        byte[] mac;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key);
            mac = hmac.doFinal(deliveryId.toString().getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        long bits = 0;
        for (int i = 0; i < 7; i++) {
            bits = bits << 8 | (mac[i] & 0xff);
        }
        bits >>>= 6; // 56 bits read, 50 kept
        StringBuilder out = new StringBuilder("CND-");
        for (int i = 9; i >= 0; i--) {
            out.append(CROCKFORD[(int) (bits >>> (5 * i)) & 31]);
            if (i == 5) {
                out.append('-');
            }
        }
        return out.toString();
    }

    /**
     * A reference as a person typed it, normalised (case, blanks, O for 0, I and L for 1, missing
     * dashes); empty when it is not of the form at all.
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String compact = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
        if (!compact.startsWith("CND") || compact.length() != 13) {
            return Optional.empty();
        }
        String code = compact.substring(3).replace('O', '0').replace('I', '1').replace('L', '1');
        String reference = "CND-" + code.substring(0, 5) + "-" + code.substring(5);
        return FORMAT.matcher(reference).matches() ? Optional.of(reference) : Optional.empty();
    }
}
