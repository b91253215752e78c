package org.candor.compliance.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.OrganisationProfile;
import org.candor.compliance.domain.deadline.Flag;
import org.candor.compliance.rest.ProfileRequest;

/** The organisation profile: who must report, where, and who is reminded. */
@ApplicationScoped
public class ProfileService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");

    private final ObligationService obligations;
    private final AuditLog audit;

    ProfileService(ObligationService obligations, AuditLog audit) {
        this.obligations = obligations;
        this.audit = audit;
    }

    public Optional<OrganisationProfile> current() {
        return OrganisationProfile.current();
    }

    /** Replaces the profile and recomputes every incident's obligations, all in one transaction. */
    @Transactional
    public OrganisationProfile replace(ProfileRequest request, String actor) {
        Inputs inputs = new Inputs();
        if (request == null) {
            inputs.reject("", "a request body is required");
            inputs.throwIfInvalid("The profile is invalid");
        }
        text(inputs, "legalName", request.legalName(), 200);
        text(inputs, "leadAuthority", request.leadAuthority(), 200);
        List<String> establishments = inputs.countries("establishments", request.establishments());
        if (establishments.isEmpty() && (request.establishments() == null || request.establishments().isEmpty())) {
            inputs.reject("establishments", "at least one country is required");
        }
        if (request.dpo() == null) {
            inputs.reject("dpo", "is required");
        } else {
            text(inputs, "dpo.name", request.dpo().name(), 200);
            email(inputs, "dpo.email", request.dpo().email());
            if (request.dpo().phone() != null && !PHONE.matcher(request.dpo().phone()).matches()) {
                inputs.reject("dpo.phone", "must be an E.164 number, e.g. +4930123456");
            }
        }
        List<String> officers = new ArrayList<>();
        if (request.complianceOfficers() != null) {
            for (int i = 0; i < request.complianceOfficers().size(); i++) {
                if (email(inputs, "complianceOfficers[" + i + "]", request.complianceOfficers().get(i))) {
                    officers.add(request.complianceOfficers().get(i));
                }
            }
        }
        String locale = request.locale() == null ? "en" : request.locale();
        if (!LOCALE.matcher(locale).matches()) {
            inputs.reject("locale", "must be a language such as de or en");
        }
        ZoneId zone = inputs.zone("timezone", request.timezone());
        Set<Flag> flags = inputs.flags("flags", request.flags());
        inputs.throwIfInvalid("The profile has invalid fields");

        Instant now = Instant.now();
        OrganisationProfile profile = OrganisationProfile.current().orElseGet(OrganisationProfile::new);
        profile.legalName = request.legalName();
        profile.establishments = establishments;
        profile.leadAuthority = request.leadAuthority();
        profile.dpoName = request.dpo().name();
        profile.dpoEmail = request.dpo().email();
        profile.dpoPhone = request.dpo().phone();
        profile.officerEmails = officers;
        profile.locale = locale;
        profile.timezone = zone.getId();
        profile.flags = flags.stream().map(Enum::name).toList();
        profile.updatedAt = now;
        profile.updatedBy = actor;
        profile.persist();
        // Contacts stay out of the audit details: the log keeps what changed, not personal data.
        audit.append(actor, "profile.replaced", "profile", Map.of("establishments", establishments,
                "flags", profile.flags, "timezone", profile.timezone, "complianceOfficers", officers.size()));
        obligations.recalculateAll(actor, now);
        return profile;
    }

    private static void text(Inputs inputs, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            inputs.reject(field, "is required");
        } else if (value.length() > max) {
            inputs.reject(field, "must be at most " + max + " characters");
        }
    }

    private static boolean email(Inputs inputs, String field, String value) {
        if (value == null || !EMAIL.matcher(value).matches() || value.length() > 320) {
            inputs.reject(field, "must be an email address");
            return false;
        }
        return true;
    }
}
