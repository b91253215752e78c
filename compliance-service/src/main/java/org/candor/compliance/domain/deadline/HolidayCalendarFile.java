package org.candor.compliance.domain.deadline;

import java.util.List;
import java.util.Map;

/** The holiday calendars exactly as the versioned data file holds them: rules, not dates. */
public record HolidayCalendarFile(String version, String description, Map<String, Definition> calendars) {

    /**
     * @param observed how a holiday on a weekend is observed
     * @param closures one-off closing days (e.g. a national day of mourning), ISO dates
     */
    public record Definition(String name, Observed observed, List<Holiday> holidays, List<String> closures) {
    }

    /** A holiday rule, valid from/until the given years (inclusive) when set. */
    public record Holiday(String name, String rule, Integer from, Integer until) {
    }

    public enum Observed {
        NONE,
        /** Saturday is observed on the Friday before, Sunday on the Monday after (US federal, 5 U.S.C. 6103). */
        NEAREST_WEEKDAY,
        /** Only Sunday moves, to the Monday after. */
        SUNDAY_TO_MONDAY
    }
}
