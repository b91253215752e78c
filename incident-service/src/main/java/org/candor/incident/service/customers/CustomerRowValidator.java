package org.candor.incident.service.customers;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.candor.contracts.customer.AffectedCustomer;

/** Checks one imported row; the first problem found is the reason it is rejected. */
final class CustomerRowValidator {

    static final Set<String> COLUMNS = Set.of("customerId", "name", "email", "phone", "locale", "country", "region",
            "segment");
    static final Set<String> REQUIRED_COLUMNS = Set.of("customerId", "locale", "country");

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** A row that failed: which field and why. */
    static final class InvalidRow extends Exception {

        final String field;

        InvalidRow(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }

    private CustomerRowValidator() {
    }

    static AffectedCustomer validate(Map<String, String> raw) throws InvalidRow {
        String customerId = value(raw, "customerId");
        if (customerId == null) {
            throw new InvalidRow("customerId", "is required");
        }
        if (!CUSTOMER_ID.matcher(customerId).matches()) {
            throw new InvalidRow("customerId", "must be 1-100 letters, digits or . _ : @ -");
        }
        String name = value(raw, "name");
        if (name != null && (name.length() > 200 || name.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidRow("name", "must be at most 200 characters without control characters");
        }
        String email = value(raw, "email");
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            throw new InvalidRow("email", "is not an email address");
        }
        String phone = value(raw, "phone");
        if (phone != null && !E164.matcher(phone).matches()) {
            throw new InvalidRow("phone", "must be in E.164 form, e.g. +4915123456789");
        }
        if (email == null && phone == null) {
            throw new InvalidRow("email", "an email address or a phone number is required");
        }
        String locale = value(raw, "locale");
        if (locale == null) {
            throw new InvalidRow("locale", "is required");
        }
        if (!LOCALE.matcher(locale).matches()) {
            throw new InvalidRow("locale", "must be a language tag such as de or en-GB");
        }
        String country = value(raw, "country");
        if (country == null) {
            throw new InvalidRow("country", "is required");
        }
        if (!COUNTRIES.contains(country)) {
            throw new InvalidRow("country", "must be an ISO 3166-1 alpha-2 code such as DE");
        }
        String region = value(raw, "region");
        if (region != null && (!REGION.matcher(region).matches() || !region.startsWith(country + "-"))) {
            throw new InvalidRow("region", "must be an ISO 3166-2 code of " + country + ", such as " + country + "-BY");
        }
        String segment = value(raw, "segment");
        if (segment != null && segment.length() > 100) {
            throw new InvalidRow("segment", "must be at most 100 characters");
        }
        return new AffectedCustomer(customerId, name, email == null ? null : email.toLowerCase(Locale.ROOT), phone,
                locale, country, region, segment);
    }

    private static String value(Map<String, String> raw, String column) {
        String value = raw.get(column);
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
