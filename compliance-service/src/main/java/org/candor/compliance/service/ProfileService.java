package org.candor.compliance.service;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.OrganisationProfile;
import org.candor.compliance.domain.deadline.Flag;
import org.candor.compliance.rest.ProfileRequest;
import org.candor.contracts.compliance.OrganisationProfileChanged;
import org.candor.platform.outbox.Outbox;

/** The organisation profile: who must report, where, and who is reminded. */
@ApplicationScoped
public class ProfileService {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    /** International format: a plus, then 7 to 15 digits (E.164), in groups separated by single spaces. */
    private static final Pattern HOTLINE = Pattern.compile("\\+[1-9][0-9]*( [0-9]+)*");
    private static final int MAX_HOTLINE = 32;
    private static final int MAX_SUPPORT_HOURS_LANGUAGES = 10;
    /** Short enough for the status page's help line and a sentence of a message. */
    private static final int MAX_SUPPORT_HOURS = 80;

    private final ObligationService obligations;
    private final AuditLog audit;
    private final Outbox outbox;

    ProfileService(ObligationService obligations, AuditLog audit, Outbox outbox) {
        this.obligations = obligations;
        this.audit = audit;
        this.outbox = outbox;
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
        ProfileRequest.CustomerContact contact = request.customerContact();
        String hotline = contact == null ? null : hotline(inputs, contact.hotline());
        Map<String, String> supportHours = contact == null ? Map.of() : supportHours(inputs, contact.supportHours());
        inputs.throwIfInvalid("The profile has invalid fields");

        Instant now = Instant.now();
        Optional<OrganisationProfile> existing = OrganisationProfile.current();
        OrganisationProfileChanged before = existing.map(ProfileService::identity).orElse(null);
        OrganisationProfile profile = existing.orElseGet(OrganisationProfile::new);
        profile.legalName = request.legalName();
        profile.establishments = establishments;
        profile.leadAuthority = request.leadAuthority();
        profile.dpoName = request.dpo().name();
        profile.dpoEmail = request.dpo().email();
        profile.dpoPhone = request.dpo().phone();
        profile.hotline = hotline;
        profile.supportHours = supportHours;
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
        OrganisationProfileChanged after = identity(profile);
        // Only the public identity leaves this service, and only when it changed: messages and the status page use it.
        if (before == null || !sameIdentity(before, after)) {
            outbox.record(after, now);
        }
        obligations.recalculateAll(actor, now);
        return profile;
    }

    /** What customers are told of the organisation: its name, the DPO's contact, the hotline and its hours. */
    private static OrganisationProfileChanged identity(OrganisationProfile profile) {
        return new OrganisationProfileChanged(profile.legalName,
                new OrganisationProfileChanged.Dpo(profile.dpoName, profile.dpoEmail, profile.dpoPhone), profile.hotline,
                profile.supportHours == null ? Map.of() : Map.copyOf(profile.supportHours), profile.updatedAt);
    }

    private static boolean sameIdentity(OrganisationProfileChanged a, OrganisationProfileChanged b) {
        return a.legalName().equals(b.legalName()) && a.dpo().equals(b.dpo()) && Objects.equals(a.hotline(), b.hotline())
                && a.supportHours().equals(b.supportHours());
    }

    private static String hotline(Inputs inputs, String value) {
        if (value == null) {
            return null;
        }
        String hotline = value.strip();
        int digits = hotline.replace("+", "").replace(" ", "").length();
        if (hotline.length() > MAX_HOTLINE || !HOTLINE.matcher(hotline).matches() || digits < 7 || digits > 15) {
            inputs.reject("customerContact.hotline",
                    "must be a phone number in international format (+, 7 to 15 digits, spaces between groups), e.g. +49 800 1234567");
            return null;
        }
        return hotline;
    }

    private static Map<String, String> supportHours(Inputs inputs, Map<String, String> value) {
        if (value == null) {
            return Map.of();
        }
        if (value.size() > MAX_SUPPORT_HOURS_LANGUAGES) {
            inputs.reject("customerContact.supportHours", "at most " + MAX_SUPPORT_HOURS_LANGUAGES + " languages");
            return Map.of();
        }
        Map<String, String> hours = new LinkedHashMap<>();
        value.forEach((language, text) -> {
            String field = "customerContact.supportHours." + language;
            if (language == null || !LOCALE.matcher(language).matches()) {
                inputs.reject(field, "must be keyed by a language such as de or en");
            } else if (text == null || text.isBlank()) {
                inputs.reject(field, "is required (a short text such as Mon–Fri 8:00–20:00 CET)");
            } else if (text.strip().length() > MAX_SUPPORT_HOURS) {
                inputs.reject(field, "must be at most " + MAX_SUPPORT_HOURS + " characters");
            } else if (text.chars().anyMatch(Character::isISOControl)) {
                inputs.reject(field, "must be one line of text");
            } else {
                hours.put(language, text.strip());
            }
        });
        return hours;
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
