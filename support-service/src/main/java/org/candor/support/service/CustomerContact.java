package org.candor.support.service;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address or phone number as a customer types it to prove who they are, normalised the same
 * way as the addresses on record are before hashing: an email trimmed and lower-cased, a phone number
 * without spaces, dots, dashes or brackets and with a leading {@code 00} read as {@code +}.
 *
 * @param kind {@link #EMAIL} or {@link #PHONE}
 * @param value the normalised address
 */
public record CustomerContact(String kind, String value) {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";

    private static final Pattern EMAIL_FORM = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s.]{1,63}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** What the customer typed, if it is an email address or an international phone number. */
    public static Optional<CustomerContact> parse(String typed) {
        if (typed == null || typed.length() > 320) {
            return Optional.empty();
        }
        String trimmed = typed.trim();
        if (trimmed.contains("@")) {
            String email = trimmed.toLowerCase(Locale.ROOT);
            return EMAIL_FORM.matcher(email).matches() ? Optional.of(new CustomerContact(EMAIL, email)) : Optional.empty();
        }
        String phone = trimmed.replaceAll("[\\s.()\\-/]", "");
        if (phone.startsWith("00")) {
            phone = "+" + phone.substring(2);
        }
        return E164.matcher(phone).matches() ? Optional.of(new CustomerContact(PHONE, phone)) : Optional.empty();
    }

    /** An address on record (from an affected-customer event), normalised like a typed one; empty when absent. */
    public static Optional<CustomerContact> onRecord(String kind, String address) {
        return address == null || address.isBlank() ? Optional.empty()
                : parse(address).filter(contact -> contact.kind.equals(kind));
    }

    /** The channel a code to this address goes by, as the chat tells the customer. */
    public String channel() {
        return EMAIL.equals(kind) ? "email" : "sms";
    }
}
