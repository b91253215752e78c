package org.candor.notification.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Words the templates share: statuses, data categories, and what each category means for a person. */
final class Wording {

    private static final Map<String, String[]> STATUS = Map.of(
            "INVESTIGATING", new String[] {"Wir untersuchen den Vorfall", "We are investigating"},
            "IDENTIFIED", new String[] {"Ursache gefunden", "Cause identified"},
            "MONITORING", new String[] {"Wir beobachten die Lage", "We are monitoring"},
            "RESOLVED", new String[] {"Behoben", "Resolved"});

    private static final Map<String, String[]> CATEGORY = Map.of(
            "CONTACT", new String[] {"Kontaktdaten", "contact details"},
            "IDENTITY_DOCUMENTS", new String[] {"Ausweisdaten", "identity documents"},
            "CREDENTIALS", new String[] {"Zugangsdaten", "login credentials"},
            "FINANCIAL", new String[] {"Finanzdaten", "financial data"},
            "PAYMENT_CARD", new String[] {"Kartendaten", "payment card data"},
            "HEALTH", new String[] {"Gesundheitsdaten", "health data"},
            "LOCATION", new String[] {"Standortdaten", "location data"},
            "COMMUNICATIONS", new String[] {"Nachrichteninhalte", "communications"},
            "CHILDREN", new String[] {"Daten von Kindern", "children's data"},
            "OTHER", new String[] {"weitere personenbezogene Daten", "other personal data"});

    private static final Map<String, String[]> CONSEQUENCE = Map.of(
            "CONTACT", new String[] {"Betrügerische E-Mails, SMS oder Anrufe, die sich auf uns berufen (Phishing).",
                    "Fraudulent emails, text messages or calls that pretend to come from us (phishing)."},
            "CREDENTIALS", new String[] {"Unbefugte könnten versuchen, sich mit Ihren Zugangsdaten anzumelden.",
                    "Someone could try to sign in to your accounts with your credentials."},
            "PAYMENT_CARD", new String[] {"Missbrauch Ihrer Karte für Zahlungen.", "Misuse of your card for payments."},
            "FINANCIAL", new String[] {"Betrugsversuche mit Ihren Kontodaten.", "Fraud attempts using your account details."},
            "IDENTITY_DOCUMENTS", new String[] {"Identitätsdiebstahl, etwa Verträge in Ihrem Namen.",
                    "Identity theft, such as contracts taken out in your name."},
            "HEALTH", new String[] {"Offenlegung vertraulicher Gesundheitsinformationen.",
                    "Disclosure of confidential health information."});

    private static final Map<String, String[]> ADVICE = Map.of(
            "CONTACT", new String[] {"Seien Sie misstrauisch bei Nachrichten, die nach Passwörtern oder Zahlungen fragen. Wir fragen nie danach.",
                    "Be wary of messages asking for passwords or payments. We never ask for them."},
            "CREDENTIALS", new String[] {"Ändern Sie Ihr Passwort, auch bei anderen Diensten, wo Sie es verwenden, und schalten Sie die Zwei-Faktor-Anmeldung ein.",
                    "Change your password, also wherever else you use it, and turn on two-factor sign-in."},
            "PAYMENT_CARD", new String[] {"Prüfen Sie Ihre Kartenumsätze und lassen Sie die Karte bei Auffälligkeiten sperren.",
                    "Check your card statements and have the card blocked if anything looks wrong."},
            "FINANCIAL", new String[] {"Prüfen Sie Ihre Kontoauszüge auf unbekannte Buchungen.",
                    "Check your bank statements for payments you do not recognise."},
            "IDENTITY_DOCUMENTS", new String[] {"Achten Sie auf Post zu Verträgen, die Sie nicht abgeschlossen haben.",
                    "Watch for letters about contracts you did not sign."});

    private Wording() {
    }

    static String status(String status, String language) {
        String[] words = status == null ? null : STATUS.get(status);
        return words == null ? (status == null ? "" : status) : words[index(language)];
    }

    static String categories(List<String> categories, String language) {
        List<String> words = new ArrayList<>();
        for (String category : categories) {
            String[] word = CATEGORY.get(category);
            words.add(word == null ? category : word[index(language)]);
        }
        return String.join(", ", words);
    }

    static List<String> consequences(List<String> categories, String language) {
        return lookup(CONSEQUENCE, categories, language, "CONTACT");
    }

    static List<String> advice(List<String> categories, String language) {
        return lookup(ADVICE, categories, language, "CONTACT");
    }

    /** Each category's sentence; the fallback's when none applies, because phishing follows every breach. */
    private static List<String> lookup(Map<String, String[]> table, List<String> categories, String language,
            String fallback) {
        Set<String> sentences = new LinkedHashSet<>();
        for (String category : categories) {
            String[] sentence = table.get(category);
            if (sentence != null) {
                sentences.add(sentence[index(language)]);
            }
        }
        if (sentences.isEmpty()) {
            sentences.add(table.get(fallback)[index(language)]);
        }
        return new ArrayList<>(sentences);
    }

    private static int index(String language) {
        return "de".equals(language) ? 0 : 1;
    }
}
