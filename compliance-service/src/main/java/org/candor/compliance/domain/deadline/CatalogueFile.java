package org.candor.compliance.domain.deadline;

import java.util.List;
import java.util.Map;

import org.candor.contracts.incident.DataCategory;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The regime catalogue exactly as the versioned data file holds it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CatalogueFile(String version, String description, Map<String, List<String>> countryGroups,
        List<Regime> regimes) {

    /** One reporting obligation as the law states it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Regime(String id, String recipient, String trigger, Period period, String calendar, String timezone,
            String dueTime, List<Condition> conditions, List<Variant> variants, Cap cap, Relief relief,
            boolean phased, String citation, String notes) {
    }

    /** {@code amount} units; ASAP has no amount. */
    public record Period(Integer amount, PeriodUnit unit) {
    }

    public enum PeriodUnit {
        HOURS, CALENDAR_DAYS, BUSINESS_DAYS, MONTHS, ASAP
    }

    /**
     * A condition on the situation. POPULATION: people in {@code countries} (names, or {@code @GROUP}) or
     * {@code regions} (ISO 3166-2), everyone when neither is given; summed, or the largest region
     * ({@code MAX_REGION}); between {@code min} (default 1) and {@code max}. FLAG / NOT_FLAG: any of
     * {@code flags}. ESTABLISHMENT: in any of {@code countries}. DATA_CATEGORY: any of {@code categories}.
     * HIGH_RISK. RISK_NOT_UNLIKELY: unless assessed as unlikely to result in a risk. ANY: any of {@code anyOf}.
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Condition(ConditionType type, List<String> countries, List<String> regions, Aggregate aggregate,
            Long min, Long max, List<Flag> flags, List<DataCategory> categories, List<Condition> anyOf) {
    }

    public enum ConditionType {
        POPULATION, FLAG, NOT_FLAG, ESTABLISHMENT, DATA_CATEGORY, HIGH_RISK, RISK_NOT_UNLIKELY, ANY
    }

    public enum Aggregate {
        SUM, MAX_REGION
    }

    /** The first variant whose conditions all hold replaces the period and/or the anchor. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Variant(List<Condition> when, Period period, Anchor anchor) {
    }

    /** Where a day count starts: the trigger's day, or the last day of its calendar year. */
    public enum Anchor {
        TRIGGER, END_OF_CALENDAR_YEAR
    }

    /**
     * A composite deadline: the earlier of the regime's own and this one, unless this one had already
     * passed when the regime's own trigger happened.
     */
    public record Cap(String trigger, Period period) {
    }

    /**
     * A deadline falling on a weekend or holiday of {@code calendar} moves to {@code time} of the next working
     * day, unless the organisation has one of {@code unlessFlags}. {@code MEMBER_STATE} is the calendar of the
     * organisation's first EU establishment.
     */
    public record Relief(String calendar, String time, List<Flag> unlessFlags) {
    }
}
