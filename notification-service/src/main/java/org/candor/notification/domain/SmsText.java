package org.candor.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS body that fits at most a given number of segments. One segment holds 160 GSM-7 septets
 * (characters of the extension table count twice), or 70 UCS-2 code units when any character is
 * outside GSM-7. A longer message is sent concatenated: each segment then loses room to the
 * concatenation header and holds 153 septets or 67 code units, and neither an extension character
 * (escape and character) nor a surrogate pair may be split between two segments. A text that is too
 * long loses words from its prose, never a character of a link: the links are kept whole at the end.
 *
 * @param text what is sent
 * @param encoding GSM-7 or UCS-2
 * @param length septets (GSM-7) or code units (UCS-2)
 */
public record SmsText(String text, String encoding, int length) {

    public static final String GSM7 = "GSM-7";
    public static final String UCS2 = "UCS-2";
    public static final int GSM7_LIMIT = 160;
    public static final int UCS2_LIMIT = 70;
    /** Room per segment of a concatenated message (the 6-byte concatenation header takes the rest). */
    public static final int GSM7_CONCATENATED = 153;
    public static final int UCS2_CONCATENATED = 67;

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";
    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    /** One word and a colon right before a link ("Stop:", "Abmelden:"): the link's label. */
    private static final Pattern LABEL = Pattern.compile("(?<=^|\\s)(\\p{L}[\\p{L}-]*:)\\s+$");

    /** Fits {@code text} into one segment, or throws if even its links alone do not fit. */
    public static SmsText fit(String text) {
        return fit(text, 1);
    }

    /** Fits {@code text} into at most {@code maxSegments} segments, or throws if even its links alone do not fit. */
    public static SmsText fit(String text, int maxSegments) {
        if (maxSegments < 1) {
            throw new IllegalArgumentException("An SMS has at least one segment");
        }
        String normalised = normalise(text);
        boolean gsm = isGsm7(normalised);
        if (segments(normalised, gsm) <= maxSegments) {
            return new SmsText(normalised, gsm ? GSM7 : UCS2, length(normalised, gsm));
        }
        List<String> links = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        StringBuilder prose = new StringBuilder();
        Matcher matcher = LINK.matcher(normalised);
        int at = 0;
        while (matcher.find()) {
            String before = normalised.substring(at, matcher.start());
            Matcher label = LABEL.matcher(before);
            // "Stop: <link>" stays together: a link without the word that says what it does is no use.
            bare.add(matcher.group());
            if (label.find() && sentenceEnds(before.substring(0, label.start()))) {
                prose.append(before, 0, label.start());
                links.add(label.group(1) + " " + matcher.group());
            } else {
                prose.append(before);
                links.add(matcher.group());
            }
            at = matcher.end();
        }
        prose.append(normalised.substring(at));
        String tail = links.isEmpty() ? "" : " " + String.join(" ", links);
        String cut = prose.toString().replaceAll(" {2,}", " ").strip();
        String ellipsis = gsm ? "..." : "…";
        if (segments("x" + ellipsis + tail, gsm) > maxSegments && !links.equals(bare)) {
            // No room for the labels: the links alone, and their words stay in the prose while there is room.
            tail = " " + String.join(" ", bare);
            cut = LINK.matcher(normalised).replaceAll("").replaceAll(" {2,}", " ").strip();
        }
        if (segments("x" + ellipsis + tail, gsm) > maxSegments) {
            throw new IllegalArgumentException("The links of this SMS alone exceed " + capacity(gsm, maxSegments)
                    + " characters");
        }
        while (segments(cut + ellipsis + tail, gsm) > maxSegments) {
            int space = cut.lastIndexOf(' ');
            cut = space > 0 ? cut.substring(0, space) : cut.substring(0, cut.offsetByCodePoints(cut.length(), -1));
        }
        cut = cut.replaceAll("[\\s,;:.\\-–]+$", "");
        String fitted = cut + ellipsis + tail;
        return new SmsText(fitted, gsm ? GSM7 : UCS2, length(fitted, gsm));
    }

    /** Whether {@code text} fits one segment as it is, without shortening anything. */
    public static boolean fitsWhole(String text) {
        return fitsWhole(text, 1);
    }

    /** Whether {@code text} fits {@code maxSegments} segments as it is, without shortening anything. */
    public static boolean fitsWhole(String text, int maxSegments) {
        String normalised = normalise(text);
        return segments(normalised, isGsm7(normalised)) <= maxSegments;
    }

    /** The segments this text takes as it is sent. */
    public int segments() {
        return segments(text, GSM7.equals(encoding));
    }

    /** The most septets or code units {@code segments} segments hold. */
    public static int capacity(boolean gsm, int segments) {
        if (segments == 1) {
            return gsm ? GSM7_LIMIT : UCS2_LIMIT;
        }
        return segments * (gsm ? GSM7_CONCATENATED : UCS2_CONCATENATED);
    }

    /** Whether the text before a label ends a sentence (or is empty), so the label starts one of its own. */
    private static boolean sentenceEnds(String before) {
        String trimmed = before.stripTrailing();
        return trimmed.isEmpty() || ".!?…)".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0;
    }

    private static String normalise(String text) {
        return text.strip().replaceAll("[ \\t]*\\R[ \\t]*", " ").replaceAll(" {2,}", " ");
    }

    /** Whether every character can be sent in the GSM 03.38 alphabet (with its extension table). */
    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) < 0 && GSM7_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Segments, packing whole characters: an extension character or a surrogate pair never straddles two. */
    static int segments(String text, boolean gsm) {
        if (length(text, gsm) <= capacity(gsm, 1)) {
            return 1;
        }
        int room = gsm ? GSM7_CONCATENATED : UCS2_CONCATENATED;
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.length(); ) {
            int units;
            if (gsm) {
                units = GSM7_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
                i++;
            } else {
                units = Character.charCount(text.codePointAt(i));
                i += units;
            }
            if (used + units > room) {
                segments++;
                used = 0;
            }
            used += units;
        }
        return segments;
    }

    private static int length(String text, boolean gsm) {
        if (!gsm) {
            return text.length();
        }
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            septets += GSM7_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
        }
        return septets;
    }
}
