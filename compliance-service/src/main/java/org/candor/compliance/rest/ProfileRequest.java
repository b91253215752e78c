package org.candor.compliance.rest;

import java.util.List;

/**
 * The organisation.
 *
 * @param establishments ISO 3166-1 alpha-2 countries, the main establishment first
 * @param complianceOfficers email addresses that get the deadline reminders with the DPO
 * @param locale the language of reminders, e.g. de or en
 * @param timezone IANA time zone of every local time the catalogue does not fix
 */
public record ProfileRequest(String legalName, List<String> establishments, String leadAuthority, Dpo dpo,
        List<String> complianceOfficers, String locale, String timezone, List<String> flags) {

    /** The data-protection officer's contact. */
    public record Dpo(String name, String email, String phone) {
    }
}
