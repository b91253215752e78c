package org.candor.notification.domain;

import java.util.Map;

/**
 * A recipient's time zone from their country (and, where a country spans several, their
 * ISO 3166-2 region). Good enough to keep SMS out of the night; not a geocoder.
 */
public final class TimeZones {

    private static final Map<String, String> COUNTRY = Map.ofEntries(
            Map.entry("DE", "Europe/Berlin"), Map.entry("AT", "Europe/Vienna"), Map.entry("CH", "Europe/Zurich"),
            Map.entry("FR", "Europe/Paris"), Map.entry("GB", "Europe/London"), Map.entry("IE", "Europe/Dublin"),
            Map.entry("NL", "Europe/Amsterdam"), Map.entry("BE", "Europe/Brussels"), Map.entry("LU", "Europe/Luxembourg"),
            Map.entry("IT", "Europe/Rome"), Map.entry("ES", "Europe/Madrid"), Map.entry("PT", "Europe/Lisbon"),
            Map.entry("PL", "Europe/Warsaw"), Map.entry("CZ", "Europe/Prague"), Map.entry("DK", "Europe/Copenhagen"),
            Map.entry("SE", "Europe/Stockholm"), Map.entry("NO", "Europe/Oslo"), Map.entry("FI", "Europe/Helsinki"),
            Map.entry("GR", "Europe/Athens"), Map.entry("JP", "Asia/Tokyo"), Map.entry("IN", "Asia/Kolkata"),
            Map.entry("SG", "Asia/Singapore"), Map.entry("CN", "Asia/Shanghai"), Map.entry("NZ", "Pacific/Auckland"),
            Map.entry("ZA", "Africa/Johannesburg"), Map.entry("US", "America/New_York"),
            Map.entry("CA", "America/Toronto"), Map.entry("BR", "America/Sao_Paulo"), Map.entry("AU", "Australia/Sydney"),
            Map.entry("MX", "America/Mexico_City"));

    private static final Map<String, String> REGION = Map.ofEntries(
            Map.entry("US-CA", "America/Los_Angeles"), Map.entry("US-WA", "America/Los_Angeles"),
            Map.entry("US-OR", "America/Los_Angeles"), Map.entry("US-NV", "America/Los_Angeles"),
            Map.entry("US-TX", "America/Chicago"), Map.entry("US-IL", "America/Chicago"),
            Map.entry("US-MN", "America/Chicago"), Map.entry("US-CO", "America/Denver"),
            Map.entry("US-AZ", "America/Phoenix"), Map.entry("US-UT", "America/Denver"),
            Map.entry("US-AK", "America/Anchorage"), Map.entry("US-HI", "Pacific/Honolulu"),
            Map.entry("CA-BC", "America/Vancouver"), Map.entry("CA-AB", "America/Edmonton"),
            Map.entry("AU-WA", "Australia/Perth"), Map.entry("AU-QLD", "Australia/Brisbane"),
            Map.entry("BR-AM", "America/Manaus"));

    private TimeZones() {
    }

    public static String of(String country, String region, String fallback) {
        if (region != null && REGION.containsKey(region)) {
            return REGION.get(region);
        }
        return country == null ? fallback : COUNTRY.getOrDefault(country.toUpperCase(java.util.Locale.ROOT), fallback);
    }
}
