package org.candor.compliance.domain.deadline;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.candor.compliance.domain.deadline.CatalogueFile.Anchor;
import org.candor.compliance.domain.deadline.CatalogueFile.Period;

/**
 * Computes every deadline that applies to a situation, by the counting conventions of the regime catalogue:
 * hours are elapsed time; days end at the end of the last day in the obligation's zone, the trigger day
 * excluded; months keep the clock time and clamp to the month's last day; business days skip weekends and
 * the regime's holidays. Pure: the same situation always gives the same deadlines.
 */
public final class DeadlineEngine {

    /** Where a day-based deadline ends unless the regime says otherwise. */
    public static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);
    private static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
            "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");
    private static final Comparator<Deadline> ORDER = Comparator.comparing(Deadline::asap).reversed()
            .thenComparing(Deadline::dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Deadline::regime);

    private final RegimeCatalogue catalogue;

    public DeadlineEngine(RegimeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public RegimeCatalogue catalogue() {
        return catalogue;
    }

    /** The deadlines of every regime whose conditions hold: "without undue delay" ones first, then by due time. */
    public List<Deadline> calculate(Situation situation) {
        Situation.Counts counts = situation.counts();
        Map<String, Deadline> computed = new HashMap<>();
        List<Deadline> deadlines = new ArrayList<>();
        for (RegimeRule rule : catalogue.rules()) {
            if (!rule.applies(situation, counts)) {
                continue;
            }
            Deadline deadline = deadline(rule, situation, counts, computed);
            computed.put(rule.id(), deadline);
            deadlines.add(deadline);
        }
        deadlines.sort(ORDER);
        return deadlines;
    }

    private record Start(Instant at, boolean assumed) {
    }

    private Deadline deadline(RegimeRule rule, Situation situation, Situation.Counts counts,
            Map<String, Deadline> computed) {
        Period period = rule.period();
        Anchor anchor = Anchor.TRIGGER;
        for (RegimeRule.CompiledVariant variant : rule.variants()) {
            if (variant.when().stream().allMatch(check -> check.holds(situation, counts))) {
                period = variant.period() != null ? variant.period() : period;
                anchor = variant.anchor() != null ? variant.anchor() : anchor;
                break;
            }
        }
        ZoneId zone = rule.timezone() != null ? rule.timezone() : situation.timezone();
        Start start = start(rule.trigger(), situation, computed);
        Instant due = null;
        if (period.unit() != CatalogueFile.PeriodUnit.ASAP) {
            due = add(start.at(), period, anchor, zone, rule);
            if (rule.cap() != null) {
                Start capStart = start(rule.cap().trigger(), situation, computed);
                Instant capDue = add(capStart.at(), rule.cap().period(), Anchor.TRIGGER, zone, rule);
                // The cap counts only while it is still ahead when the regime's own trigger happens.
                if (capDue.isBefore(due) && !capDue.isBefore(start.at())) {
                    due = capDue;
                }
            }
            if (rule.relief() != null && rule.relief().unlessFlags().stream().noneMatch(situation.flags()::contains)) {
                due = relieve(due, zone, rule.relief(), situation);
            }
        }
        return new Deadline(rule.id(), rule.recipient(), rule.trigger(), start.assumed(), start.at(), due, zone,
                due == null, rule.phased(), rule.citation(), rule.notes());
    }

    /**
     * The moment a trigger happened; when unknown, a submission stage runs from the previous report's due
     * time, anything else from awareness (never later than the real trigger, so this errs early).
     */
    private static Start start(TriggerKey trigger, Situation situation, Map<String, Deadline> computed) {
        Instant at = situation.triggers().get(trigger);
        if (at != null) {
            return new Start(at, false);
        }
        if (trigger.regime() != null) {
            Deadline previous = computed.get(trigger.regime());
            if (previous != null && previous.dueAt() != null) {
                return new Start(previous.dueAt(), true);
            }
        }
        return new Start(situation.triggers().get(TriggerKey.AWARENESS), true);
    }

    private static Instant add(Instant at, Period period, Anchor anchor, ZoneId zone, RegimeRule rule) {
        return switch (period.unit()) {
            case HOURS -> at.plusSeconds(period.amount() * 3600L);
            case MONTHS -> at.atZone(zone).plusMonths(period.amount()).toInstant();
            case CALENDAR_DAYS -> endOf(startDay(at, anchor, zone).plusDays(period.amount()), rule, zone);
            case BUSINESS_DAYS -> endOf(rule.calendar().addBusinessDays(startDay(at, anchor, zone), period.amount()),
                    rule, zone);
            case ASAP -> throw new IllegalStateException("ASAP has no due time");
        };
    }

    private static LocalDate startDay(Instant at, Anchor anchor, ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        return anchor == Anchor.END_OF_CALENDAR_YEAR ? LocalDate.of(day.getYear(), 12, 31) : day;
    }

    private static Instant endOf(LocalDate day, RegimeRule rule, ZoneId zone) {
        return atLocal(day, rule.dueTime() != null ? rule.dueTime() : END_OF_DAY, zone);
    }

    /** A local time as an instant; in a DST overlap the earlier instant, in a gap the first instant after it. */
    static Instant atLocal(LocalDate day, LocalTime time, ZoneId zone) {
        LocalDateTime local = day.atTime(time);
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return zone.getRules().getTransition(local).getInstant();
        }
        ZoneOffset earliest = offsets.size() == 1 ? offsets.get(0)
                : offsets.stream().max(Comparator.comparingInt(ZoneOffset::getTotalSeconds)).orElseThrow();
        return local.toInstant(earliest);
    }

    private Instant relieve(Instant due, ZoneId zone, RegimeRule.CompiledRelief relief, Situation situation) {
        HolidayCalendar calendar = reliefCalendar(relief.calendar(), situation);
        LocalDate day = due.atZone(zone).toLocalDate();
        boolean working = calendar != null ? calendar.isBusinessDay(day)
                : day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        if (working) {
            return due;
        }
        LocalDate next = day.plusDays(1);
        while (calendar != null ? !calendar.isBusinessDay(next)
                : next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return atLocal(next, relief.time(), zone);
    }

    /** The named calendar, or for MEMBER_STATE the first EU establishment's (weekends only when none is known). */
    private HolidayCalendar reliefCalendar(String name, Situation situation) {
        if (!RegimeCatalogue.MEMBER_STATE.equals(name)) {
            return catalogue.calendar(name);
        }
        for (String country : situation.establishments()) {
            if (EU.contains(country) && catalogue.calendar("EU_" + country) != null) {
                return catalogue.calendar("EU_" + country);
            }
        }
        return null;
    }
}
