package org.candor.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An SMS body that fits one segment: 160 GSM-7 septets (characters of the extension table count
 * twice), or 70 UCS-2 code units when any character is outside GSM-7. A text that is too long loses
 * words from its prose, never a character of a link: the links are kept whole at the end.
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

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";
    private static final Pattern LINK = Pattern.compile("https?://\\S+");

    /** Fits {@code text} into one segment, or throws if even its links alone do not fit. */
    public static SmsText fit(String text) {
        String normalised = normalise(text);
        boolean gsm = isGsm7(normalised);
        int limit = gsm ? GSM7_LIMIT : UCS2_LIMIT;
        if (length(normalised, gsm) <= limit) {
            return new SmsText(normalised, gsm ? GSM7 : UCS2, length(normalised, gsm));
        }
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(normalised);
        while (matcher.find()) {
            links.add(matcher.group());
        }
        String prose = LINK.matcher(normalised).replaceAll("").replaceAll(" {2,}", " ").strip();
        String tail = links.isEmpty() ? "" : " " + String.join(" ", links);
        String ellipsis = gsm ? "..." : "…";
        int room = limit - length(tail, gsm) - length(ellipsis, gsm);
        if (room < 1) {
            throw new IllegalArgumentException("The links of this SMS alone exceed " + limit + " characters");
        }
        String cut = prose;
        while (length(cut, gsm) > room) {
            int space = cut.lastIndexOf(' ');
            cut = space > 0 ? cut.substring(0, space) : cut.substring(0, Math.min(cut.length(), room) - 1);
        }
        cut = cut.replaceAll("[\\s,;:.\\-–]+$", "");
        String fitted = cut + ellipsis + tail;
        return new SmsText(fitted, gsm ? GSM7 : UCS2, length(fitted, gsm));
    }

    /** Whether {@code text} fits one segment as it is, without shortening anything. */
    public static boolean fitsWhole(String text) {
        String normalised = normalise(text);
        boolean gsm = isGsm7(normalised);
        return length(normalised, gsm) <= (gsm ? GSM7_LIMIT : UCS2_LIMIT);
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
