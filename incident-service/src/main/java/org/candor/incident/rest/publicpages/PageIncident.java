package org.candor.incident.rest.publicpages;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.candor.contracts.incident.DataCategory;
import org.candor.incident.service.publicstatus.PublicIncident;

/**
 * An incident prepared for the status page in one language: labels and advice already translated, and the line of
 * the latest record checkpoint (null before there is one).
 */
public record PageIncident(UUID id, String title, String summary, String status, String statusLabel, boolean active,
        List<String> categories, List<String> advice, String detectedAt, List<PageUpdate> updates,
        String recordCheckpoint) {

    /** One update as the page shows it. */
    public record PageUpdate(UUID id, String statusLabel, String message, String publishedAt, String isoPublishedAt,
            boolean edited) {
    }

    static PageIncident of(PublicIncident incident, String lang) {
        StatusMessages msg = PageLanguage.messages(lang);
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.forLanguageTag(lang)).withZone(ZoneOffset.UTC);
        List<PageUpdate> updates = incident.updates().stream()
                .map(update -> new PageUpdate(update.id(), statusLabel(msg, update.status()), update.message(),
                        format.format(update.publishedAt()) + " UTC", update.publishedAt().toString(),
                        update.revision() > 1))
                .toList();
        return new PageIncident(incident.id(), incident.title(), incident.summary(), incident.status(),
                statusLabel(msg, incident.status()), incident.active(),
                incident.dataCategories().stream().map(category -> categoryLabel(msg, category)).toList(),
                advice(msg, incident.dataCategories()), format.format(incident.detectedAt()) + " UTC", updates,
                incident.recordCheckpoint() == null ? null : incident.recordCheckpoint().line());
    }

    static String statusLabel(StatusMessages msg, String status) {
        return switch (status) {
            case "INVESTIGATING" -> msg.status_INVESTIGATING();
            case "IDENTIFIED" -> msg.status_IDENTIFIED();
            case "MONITORING" -> msg.status_MONITORING();
            default -> msg.status_RESOLVED();
        };
    }

    private static String categoryLabel(StatusMessages msg, DataCategory category) {
        return switch (category) {
            case CONTACT -> msg.category_CONTACT();
            case IDENTITY_DOCUMENTS -> msg.category_IDENTITY_DOCUMENTS();
            case CREDENTIALS -> msg.category_CREDENTIALS();
            case FINANCIAL -> msg.category_FINANCIAL();
            case PAYMENT_CARD -> msg.category_PAYMENT_CARD();
            case HEALTH -> msg.category_HEALTH();
            case LOCATION -> msg.category_LOCATION();
            case COMMUNICATIONS -> msg.category_COMMUNICATIONS();
            case CHILDREN -> msg.category_CHILDREN();
            case OTHER -> msg.category_OTHER();
        };
    }

    /** What people should do, derived from the kinds of data affected; phishing caution always applies. */
    private static List<String> advice(StatusMessages msg, List<DataCategory> categories) {
        Set<String> advice = new LinkedHashSet<>();
        if (categories.contains(DataCategory.CREDENTIALS)) {
            advice.add(msg.advice_password());
        }
        if (categories.contains(DataCategory.PAYMENT_CARD)) {
            advice.add(msg.advice_card());
            advice.add(msg.advice_statements());
        }
        if (categories.contains(DataCategory.FINANCIAL)) {
            advice.add(msg.advice_statements());
            advice.add(msg.advice_credit());
        }
        if (categories.contains(DataCategory.IDENTITY_DOCUMENTS)) {
            advice.add(msg.advice_credit());
        }
        if (categories.contains(DataCategory.HEALTH)) {
            advice.add(msg.advice_health());
        }
        advice.add(msg.advice_phishing());
        return new ArrayList<>(advice);
    }
}
