package org.candor.feedback.rest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The fixed wording of the survey pages, per language. */
final class FormTexts {

    static final List<String> LANGUAGES = List.of("en", "de");

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "en", Map.ofEntries(
                    Map.entry("lang", "en"),
                    Map.entry("otherLanguage", "Deutsch"),
                    Map.entry("otherLang", "de"),
                    Map.entry("required", "required"),
                    Map.entry("save", "Save and continue later"),
                    Map.entry("submit", "Send my answers"),
                    Map.entry("saved", "Your answers so far are saved. You can come back through the same link."),
                    Map.entry("errorSummary", "Please check the marked questions."),
                    Map.entry("error.REQUIRED", "Please answer this question."),
                    Map.entry("error.INVALID", "Please choose one of the offered answers."),
                    Map.entry("error.TOO_LONG", "Please write at most 2000 characters."),
                    Map.entry("npsLow", "0 = not at all likely"),
                    Map.entry("npsHigh", "10 = extremely likely"),
                    Map.entry("scaleLow", "1 = not at all"),
                    Map.entry("scaleHigh", "5 = completely"),
                    Map.entry("contact", "You may contact me about my answers."),
                    Map.entry("optOutTitle", "Don't want surveys?"),
                    Map.entry("optOut", "Never send me surveys again"),
                    Map.entry("thanksTitle", "Thank you"),
                    Map.entry("thanksText", "Your answers have been received. They help us do better."),
                    Map.entry("optedOutTitle", "You will not receive surveys any more"),
                    Map.entry("optedOutText", "We have noted your wish. You will not be asked again."),
                    Map.entry("TAMPEREDTitle", "This link is not valid"),
                    Map.entry("TAMPEREDText", "The link may be incomplete. Please open it again from your message, "
                            + "or copy the whole address into your browser."),
                    Map.entry("UNKNOWNTitle", "This link is not valid"),
                    Map.entry("UNKNOWNText", "We cannot find this survey invitation any more."),
                    Map.entry("EXPIREDTitle", "This link has expired"),
                    Map.entry("EXPIREDText", "The survey is closed for this invitation. Thank you for your interest."),
                    Map.entry("ANSWEREDTitle", "You have already answered"),
                    Map.entry("ANSWEREDText", "Thank you: we have your answers from this invitation. Each invitation "
                            + "can be answered once."),
                    Map.entry("tooManyRequestsTitle", "Too many requests"),
                    Map.entry("tooManyRequestsText", "We received too many requests from your connection in a short "
                            + "time. Please wait a minute and try again; your answers so far are kept.")),
            "de", Map.ofEntries(
                    Map.entry("lang", "de"),
                    Map.entry("otherLanguage", "English"),
                    Map.entry("otherLang", "en"),
                    Map.entry("required", "Pflichtfrage"),
                    Map.entry("save", "Speichern und später fortsetzen"),
                    Map.entry("submit", "Antworten absenden"),
                    Map.entry("saved", "Ihre bisherigen Antworten sind gespeichert. Sie können über denselben Link "
                            + "weitermachen."),
                    Map.entry("errorSummary", "Bitte prüfen Sie die markierten Fragen."),
                    Map.entry("error.REQUIRED", "Bitte beantworten Sie diese Frage."),
                    Map.entry("error.INVALID", "Bitte wählen Sie eine der angebotenen Antworten."),
                    Map.entry("error.TOO_LONG", "Bitte schreiben Sie höchstens 2000 Zeichen."),
                    Map.entry("npsLow", "0 = sehr unwahrscheinlich"),
                    Map.entry("npsHigh", "10 = äußerst wahrscheinlich"),
                    Map.entry("scaleLow", "1 = überhaupt nicht"),
                    Map.entry("scaleHigh", "5 = voll und ganz"),
                    Map.entry("contact", "Sie dürfen mich zu meinen Antworten kontaktieren."),
                    Map.entry("optOutTitle", "Keine Umfragen mehr?"),
                    Map.entry("optOut", "Mir nie wieder Umfragen senden"),
                    Map.entry("thanksTitle", "Vielen Dank"),
                    Map.entry("thanksText", "Ihre Antworten sind angekommen. Sie helfen uns, besser zu werden."),
                    Map.entry("optedOutTitle", "Sie erhalten keine Umfragen mehr"),
                    Map.entry("optedOutText", "Wir haben Ihren Wunsch vermerkt. Wir fragen Sie nicht mehr."),
                    Map.entry("TAMPEREDTitle", "Dieser Link ist ungültig"),
                    Map.entry("TAMPEREDText", "Der Link ist möglicherweise unvollständig. Bitte öffnen Sie ihn erneut "
                            + "aus Ihrer Nachricht oder kopieren Sie die ganze Adresse in Ihren Browser."),
                    Map.entry("UNKNOWNTitle", "Dieser Link ist ungültig"),
                    Map.entry("UNKNOWNText", "Wir finden diese Einladung nicht mehr."),
                    Map.entry("EXPIREDTitle", "Dieser Link ist abgelaufen"),
                    Map.entry("EXPIREDText", "Die Umfrage ist für diese Einladung geschlossen. Danke für Ihr Interesse."),
                    Map.entry("ANSWEREDTitle", "Sie haben bereits geantwortet"),
                    Map.entry("ANSWEREDText", "Danke: Ihre Antworten zu dieser Einladung liegen uns vor. Jede "
                            + "Einladung kann einmal beantwortet werden."),
                    Map.entry("tooManyRequestsTitle", "Zu viele Anfragen"),
                    Map.entry("tooManyRequestsText", "Von Ihrer Verbindung kamen in kurzer Zeit zu viele Anfragen. "
                            + "Bitte warten Sie eine Minute und versuchen Sie es erneut; Ihre bisherigen Antworten "
                            + "bleiben erhalten.")));

    private FormTexts() {
    }

    static Map<String, String> of(String language) {
        return TEXTS.getOrDefault(language, TEXTS.get("en"));
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
