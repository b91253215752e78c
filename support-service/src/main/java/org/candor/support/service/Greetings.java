package org.candor.support.service;

import java.util.regex.Pattern;

/** Whether an agent's reply opens with a greeting of its own, so that the email does not greet twice. */
public final class Greetings {

    private static final Pattern OPENING = Pattern.compile("^\\s*(hello|hi|hey|dear|good (morning|afternoon|evening)"
            + "|guten (tag|morgen|abend)|hallo|moin|servus|grüß gott|liebe[rs]?|sehr geehrte[rs]?)\\b",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Greetings() {
    }

    public static boolean opensWithOne(String text) {
        return text != null && OPENING.matcher(text).find();
    }
}
