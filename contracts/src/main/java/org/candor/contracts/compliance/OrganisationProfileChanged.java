package org.candor.contracts.compliance;

import java.time.Instant;
import java.util.Map;

import org.candor.contracts.CandorEvent;

/**
 * The organisation's public identity changed in compliance-service's organisation profile: the name every customer
 * message is signed with, the data-protection officer's contact (GDPR Art. 13(1)(b) and 34(2) make it public), and
 * the hotline with its support hours. Published only when one of these changed; the profile's other fields
 * (establishments, authorities, compliance officers, flags) stay in compliance-service. Every event has the same key,
 * so the latest one is the current identity (the topic is compacted).
 *
 * @param hotline the public hotline in international format, e.g. {@code +49 30 1234567}, or null
 * @param supportHours when the hotline is staffed, a short text per language ({@code en}, {@code de}); empty when not given
 */
public record OrganisationProfileChanged(String legalName, Dpo dpo, String hotline, Map<String, String> supportHours,
        Instant changedAt) implements CandorEvent {

    public static final String TYPE = "candor.compliance.organisation-profile-changed.v1";
    /** The one organisation: every event has this key. */
    public static final String ORGANISATION = "organisation";

    /** The data-protection officer's contact as customers may use it. */
    public record Dpo(String name, String email, String phone) {
    }

    @Override
    public String aggregateId() {
        return ORGANISATION;
    }
}
