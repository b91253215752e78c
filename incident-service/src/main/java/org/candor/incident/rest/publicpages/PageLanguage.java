package org.candor.incident.rest.publicpages;

import java.util.List;
import java.util.Locale;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/** The languages the public pages speak, and how one is chosen for a request. */
final class PageLanguage {

    static final List<String> SUPPORTED = List.of("en", "de");

    private PageLanguage() {
    }

    /** The explicit {@code lang} choice if supported, else the first supported Accept-Language, else English. */
    static String choose(String requested, List<Locale> acceptable) {
        if (requested != null && SUPPORTED.contains(requested)) {
            return requested;
        }
        for (Locale locale : acceptable) {
            if (SUPPORTED.contains(locale.getLanguage())) {
                return locale.getLanguage();
            }
        }
        return "en";
    }

    static StatusMessages messages(String lang) {
        return MessageBundles.get(StatusMessages.class, Localized.Literal.of(lang));
    }

    static String other(String lang) {
        return lang.equals("de") ? "en" : "de";
    }
}
