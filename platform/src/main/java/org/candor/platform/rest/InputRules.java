package org.candor.platform.rest;

/** The rules every piece of text a client sends must meet, wherever it arrives (JSON, path, query, form). */
public final class InputRules {

    private InputRules() {
    }

    /** Why {@code text} is refused, or {@code null} when it is acceptable. */
    public static String textProblem(String text, int maxLength) {
        if (text.indexOf('\u0000') >= 0) {
            return "must not contain the NUL character (U+0000)";
        }
        if (text.length() > maxLength) {
            return "must be at most " + maxLength + " characters long";
        }
        return null;
    }
}
