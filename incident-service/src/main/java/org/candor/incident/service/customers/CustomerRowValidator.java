package org.candor.incident.service.customers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.candor.contracts.customer.AffectedCustomer;

/** Checks one imported row; a rejected row reports every field at fault, not only the first. */
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

    /** A row that failed: each field at fault and why, in column order. */
    static final class InvalidRow extends Exception {

        final List<Map.Entry<String, String>> problems;

        InvalidRow(List<Map.Entry<String, String>> problems) {
            super(problems.get(0).getValue(), null, false, false);
            this.problems = List.copyOf(problems);
        }
    }

    /** Real ISO 3166-2 subdivisions, for an example in the message about a region of that country. */
    private static final Map<String, String> REGION_EXAMPLES = Map.ofEntries(Map.entry("DE", "DE-BY"),
            Map.entry("AT", "AT-9"), Map.entry("CH", "CH-ZH"), Map.entry("FR", "FR-IDF"), Map.entry("ES", "ES-MD"),
            Map.entry("IT", "IT-25"), Map.entry("NL", "NL-NH"), Map.entry("BE", "BE-BRU"), Map.entry("PL", "PL-14"),
            Map.entry("GB", "GB-ENG"), Map.entry("IE", "IE-D"), Map.entry("US", "US-CA"), Map.entry("CA", "CA-ON"),
            Map.entry("AU", "AU-NSW"), Map.entry("BR", "BR-SP"), Map.entry("IN", "IN-MH"), Map.entry("JP", "JP-13"));

    private CustomerRowValidator() {
    }

    /** The customer of a row, or every problem of the row at once. */
    static AffectedCustomer validate(Map<String, String> raw) throws InvalidRow {
        List<Map.Entry<String, String>> problems = new ArrayList<>();
        String customerId = value(raw, "customerId");
        if (customerId == null) {
            problems.add(Map.entry("customerId", "is required"));
        } else if (!CUSTOMER_ID.matcher(customerId).matches()) {
            problems.add(Map.entry("customerId", "must be 1-100 letters, digits or . _ : @ -"));
        }
        String name = value(raw, "name");
        if (name != null && (name.length() > 200 || name.chars().anyMatch(Character::isISOControl))) {
            problems.add(Map.entry("name", "must be at most 200 characters without control characters"));
        }
        String email = value(raw, "email");
        if (email != null && (email.length() > 254 || !EMAIL.matcher(email).matches())) {
            problems.add(Map.entry("email", "is not an email address"));
        }
        String phone = value(raw, "phone");
        if (phone != null && !E164.matcher(phone).matches()) {
            problems.add(Map.entry("phone", "must be in E.164 form, e.g. +4915123456789"));
        }
        if (email == null && phone == null) {
            problems.add(Map.entry("email", "an email address or a phone number is required"));
        }
        String locale = value(raw, "locale");
        if (locale == null) {
            problems.add(Map.entry("locale", "is required"));
        } else if (!LOCALE.matcher(locale).matches()) {
            problems.add(Map.entry("locale", "must be a language tag such as de or en-GB"));
        }
        String country = value(raw, "country");
        boolean knownCountry = country != null && COUNTRIES.contains(country);
        if (country == null) {
            problems.add(Map.entry("country", "is required"));
        } else if (!knownCountry) {
            problems.add(Map.entry("country", "must be an ISO 3166-1 alpha-2 code such as DE"));
        }
        String region = value(raw, "region");
        if (region != null && (!REGION.matcher(region).matches() || knownCountry && !region.startsWith(country + "-"))) {
            problems.add(Map.entry("region", regionProblem(knownCountry ? country : null)));
        }
        String segment = value(raw, "segment");
        if (segment != null && segment.length() > 100) {
            problems.add(Map.entry("segment", "must be at most 100 characters"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRow(problems);
        }
        return new AffectedCustomer(customerId, name, email == null ? null : email.toLowerCase(Locale.ROOT), phone,
                locale, country, region, segment);
    }

    private static String regionProblem(String country) {
        if (country == null) {
            return "must be a full ISO 3166-2 code: the country code, a hyphen and the subdivision, e.g. DE-BY";
        }
        String example = REGION_EXAMPLES.get(country);
        return "must be a full ISO 3166-2 code of " + country + ": " + country + "- followed by the subdivision"
                + (example != null ? ", e.g. " + example : "");
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
