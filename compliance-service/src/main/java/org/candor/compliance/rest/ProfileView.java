package org.candor.compliance.rest;

import java.time.Instant;
import java.util.List;

import org.candor.compliance.domain.OrganisationProfile;

/** The organisation profile as stored. */
public record ProfileView(String legalName, List<String> establishments, String leadAuthority, ProfileRequest.Dpo dpo,
        List<String> complianceOfficers, String locale, String timezone, List<String> flags,
        ProfileRequest.CustomerContact customerContact, Instant updatedAt, String updatedBy) {

    public static ProfileView of(OrganisationProfile profile) {
        return new ProfileView(profile.legalName, profile.establishments, profile.leadAuthority,
                new ProfileRequest.Dpo(profile.dpoName, profile.dpoEmail, profile.dpoPhone), profile.officerEmails,
                profile.locale, profile.timezone, profile.flags,
                profile.hotline == null && profile.supportHours.isEmpty() ? null
                        : new ProfileRequest.CustomerContact(profile.hotline, profile.supportHours),
                profile.updatedAt, profile.updatedBy);
    }
}
