package org.candor.platform.deadletter;

import java.util.regex.Pattern;

/**
 * Takes email addresses and international phone numbers out of a failure's text before it is kept or
 * shown: a consumer's exception message may quote the data it choked on.
 */
final class PersonalDataScrubber {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+\\d[\\d ()./-]{5,}\\d");

    private PersonalDataScrubber() {
    }

    static String scrub(String text, int maxLength) {
        if (text == null) {
            return null;
        }
        String scrubbed = PHONE.matcher(EMAIL.matcher(text).replaceAll("[email]")).replaceAll("[phone]");
        return scrubbed.length() <= maxLength ? scrubbed : scrubbed.substring(0, maxLength);
    }
}
