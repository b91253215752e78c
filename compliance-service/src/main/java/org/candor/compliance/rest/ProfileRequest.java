package org.candor.compliance.rest;

import java.util.List;
import java.util.Map;

/**
 * The organisation.
 *
 * @param establishments ISO 3166-1 alpha-2 countries, the main establishment first
 * @param complianceOfficers email addresses that get the deadline reminders with the DPO
 * @param locale the language of reminders, e.g. de or en
 * @param timezone IANA time zone of every local time the catalogue does not fix
 * @param customerContact how customers reach the organisation (optional): shown in messages and on the status page
 */
public record ProfileRequest(String legalName, List<String> establishments, String leadAuthority, Dpo dpo,
        List<String> complianceOfficers, String locale, String timezone, List<String> flags,
        CustomerContact customerContact) {

    /** The data-protection officer's contact. */
    public record Dpo(String name, String email, String phone) {
    }

    /**
     * The public contact.
     *
     * @param hotline phone number in international format, e.g. {@code +49 800 1234567}
     * @param supportHours when the hotline is staffed, a short text per language, e.g. {@code {"en": "Mon–Fri 8:00–20:00 CET"}}
     */
    public record CustomerContact(String hotline, Map<String, String> supportHours) {
    }
}
