package org.candor.notification.service;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.candor.notification.domain.Channel;

/**
 * The message types this service has templates for, and the channels each may use. A request
 * naming any other type is rejected. Every type has templates in {@code de} and {@code en}.
 */
public final class MessageCatalog {

    /** The GDPR Art. 34 notice to people whose data an incident put at high risk. */
    public static final String BREACH_NOTICE = "breach-notice";
    /** A later update to the affected customers. */
    public static final String STATUS_UPDATE = "status-update";
    /** An update to the public status page's subscribers. */
    public static final String PUBLIC_STATUS_UPDATE = "public-status-update";

    public static final Set<String> LANGUAGES = Set.of("de", "en");
    public static final String FALLBACK_LANGUAGE = "en";

    private static final Map<String, Set<Channel>> TYPES = Map.ofEntries(
            Map.entry(BREACH_NOTICE, EnumSet.of(Channel.EMAIL, Channel.SMS)),
            Map.entry(STATUS_UPDATE, EnumSet.of(Channel.EMAIL, Channel.SMS)),
            Map.entry(PUBLIC_STATUS_UPDATE, EnumSet.of(Channel.EMAIL, Channel.SMS)),
            // incident-service: the status page's double opt-in (a link by email, a code by SMS)
            Map.entry("status-subscription-confirmation", EnumSet.of(Channel.EMAIL)),
            Map.entry("status-subscription-code", EnumSet.of(Channel.SMS)),
            // compliance-service: reminders to the data-protection officer and compliance officers
            Map.entry("compliance-deadline-reminder", EnumSet.of(Channel.EMAIL)),
            Map.entry("compliance-deadline-overdue", EnumSet.of(Channel.EMAIL)),
            // support-service
            Map.entry("support-reply", EnumSet.of(Channel.EMAIL)),
            Map.entry("support-sla-escalation", EnumSet.of(Channel.EMAIL)),
            Map.entry("support-verification-code", EnumSet.of(Channel.SMS, Channel.EMAIL)),
            Map.entry("support-verification-link", EnumSet.of(Channel.EMAIL, Channel.SMS)),
            Map.entry("assistance-offer-code", EnumSet.of(Channel.EMAIL)),
            Map.entry("compensation-decision", EnumSet.of(Channel.EMAIL)),
            // feedback-service
            Map.entry("survey-invitation", EnumSet.of(Channel.EMAIL)),
            Map.entry("survey-reminder", EnumSet.of(Channel.EMAIL)));

    private MessageCatalog() {
    }

    /** The channels of {@code messageType}, or empty when there is no such template. */
    public static Optional<Set<Channel>> channels(String messageType) {
        return Optional.ofNullable(TYPES.get(messageType));
    }

    public static Set<String> types() {
        return new java.util.TreeSet<>(TYPES.keySet());
    }

    /** The template language for a BCP 47 tag: its language when templates speak it, else English. */
    public static String language(String locale) {
        if (locale == null) {
            return FALLBACK_LANGUAGE;
        }
        String language = locale.split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
        return LANGUAGES.contains(language) ? language : FALLBACK_LANGUAGE;
    }

    /** Whether {@code locale} is a well-formed BCP 47 tag of a language ISO 639 knows. */
    public static boolean validLocale(String locale) {
        if (locale == null || !locale.matches("[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*")) {
            return false;
        }
        String language = locale.split("[-_]")[0].toLowerCase(java.util.Locale.ROOT);
        return Set.of(java.util.Locale.getISOLanguages()).contains(language);
    }
}
