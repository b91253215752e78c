package org.candor.compliance.domain.deadline;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.candor.compliance.domain.deadline.CatalogueFile.Anchor;
import org.candor.compliance.domain.deadline.CatalogueFile.Period;

/** One regime of the catalogue, validated and compiled for the engine. */
public record RegimeRule(String id, String recipient, TriggerKey trigger, Period period, HolidayCalendar calendar,
        ZoneId timezone, LocalTime dueTime, List<Check> conditions, List<CompiledVariant> variants, CompiledCap cap,
        CompiledRelief relief, boolean phased, String citation, String notes) {

    /** A compiled condition. */
    @FunctionalInterface
    public interface Check {
        boolean holds(Situation situation, Situation.Counts counts);
    }

    public record CompiledVariant(List<Check> when, Period period, Anchor anchor) {
    }

    public record CompiledCap(TriggerKey trigger, Period period) {
    }

    public record CompiledRelief(String calendar, LocalTime time, Set<Flag> unlessFlags) {
    }

    /** Whether every condition holds. */
    public boolean applies(Situation situation, Situation.Counts counts) {
        for (Check check : conditions) {
            if (!check.holds(situation, counts)) {
                return false;
            }
        }
        return true;
    }

    /** Every trigger this rule reads. */
    public List<TriggerKey> triggerKeys() {
        List<TriggerKey> keys = new ArrayList<>();
        keys.add(trigger);
        if (cap != null) {
            keys.add(cap.trigger());
        }
        return keys;
    }
}
