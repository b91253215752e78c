package org.candor.compliance.domain.deadline;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** ISO 3166 codes: countries (alpha-2) and their subdivisions (ISO 3166-2, e.g. US-TX). */
public final class Countries {

    private static final Set<String> ALPHA_2 = Set.copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));
    private static final Pattern SUBDIVISION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");
    private static final Set<String> US_STATES = Set.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA",
            "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV",
            "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
            "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "UM", "VI");

    private Countries() {
    }

    public static boolean isCountry(String code) {
        return code != null && ALPHA_2.contains(code);
    }

    /** A well-formed subdivision code of an existing country; US codes must name a state or territory. */
    public static boolean isRegion(String code) {
        if (code == null || !SUBDIVISION.matcher(code).matches() || !isCountry(code.substring(0, 2))) {
            return false;
        }
        return !code.startsWith("US-") || US_STATES.contains(code.substring(3));
    }
}
