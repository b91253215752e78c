package org.candor.feedback.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The fixed wording of the survey pages per language, from the {@link FormMessages} bundle, and the choice of
 * language for a request.
 */
final class FormTexts {

    static final List<String> LANGUAGES = List.of("en", "de");

    /** The pages' texts by the keys the templates use, built once per language from {@link FormMessages}. */
    private static final Map<String, Map<String, String>> TEXTS = new ConcurrentHashMap<>();

    private FormTexts() {
    }

    static Map<String, String> of(String language) {
        return TEXTS.computeIfAbsent(LANGUAGES.contains(language) ? language : "en", FormTexts::texts);
    }

    private static Map<String, String> texts(String language) {
        FormMessages messages = MessageBundles.get(FormMessages.class, Localized.Literal.of(language));
        return Map.ofEntries(
                Map.entry("lang", messages.lang()),
                Map.entry("otherLanguage", messages.otherLanguage()),
                Map.entry("otherLang", messages.otherLang()),
                Map.entry("required", messages.required()),
                Map.entry("save", messages.save()),
                Map.entry("submit", messages.submit()),
                Map.entry("saved", messages.saved()),
                Map.entry("errorSummary", messages.errorSummary()),
                Map.entry("error.REQUIRED", messages.errorRequired()),
                Map.entry("error.INVALID", messages.errorInvalid()),
                Map.entry("error.TOO_LONG", messages.errorTooLong()),
                Map.entry("npsLow", messages.npsLow()),
                Map.entry("npsHigh", messages.npsHigh()),
                Map.entry("scaleLow", messages.scaleLow()),
                Map.entry("scaleHigh", messages.scaleHigh()),
                Map.entry("contact", messages.contact()),
                Map.entry("optOutTitle", messages.optOutTitle()),
                Map.entry("optOut", messages.optOut()),
                Map.entry("thanksTitle", messages.thanksTitle()),
                Map.entry("thanksText", messages.thanksText()),
                Map.entry("optedOutTitle", messages.optedOutTitle()),
                Map.entry("optedOutText", messages.optedOutText()),
                Map.entry("TAMPEREDTitle", messages.tamperedTitle()),
                Map.entry("TAMPEREDText", messages.tamperedText()),
                Map.entry("UNKNOWNTitle", messages.unknownTitle()),
                Map.entry("UNKNOWNText", messages.unknownText()),
                Map.entry("EXPIREDTitle", messages.expiredTitle()),
                Map.entry("EXPIREDText", messages.expiredText()),
                Map.entry("ANSWEREDTitle", messages.answeredTitle()),
                Map.entry("ANSWEREDText", messages.answeredText()),
                Map.entry("tooManyRequestsTitle", messages.tooManyRequestsTitle()),
                Map.entry("tooManyRequestsText", messages.tooManyRequestsText()));
    }

    /** The language asked for ({@code lang}), else the preferred one, else the first of Accept-Language we speak. */
    static String choose(String requested, String preferred, List<Locale> acceptable) {
        if (requested != null && LANGUAGES.contains(requested)) {
            return requested;
        }
        if (preferred != null && LANGUAGES.contains(preferred)) {
            return preferred;
        }
        for (Locale locale : acceptable) {
            if (LANGUAGES.contains(locale.getLanguage())) {
                return locale.getLanguage();
            }
        }
        return "en";
    }
}
