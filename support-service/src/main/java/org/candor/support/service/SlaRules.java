package org.candor.support.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.candor.support.domain.BusinessCalendar;
import org.candor.support.domain.SlaPolicy;
import org.candor.support.domain.SlaTarget;
import org.candor.support.domain.Ticket;

/**
 * The SLA clock of a ticket. It counts working seconds of the queue's calendar while it runs, pauses
 * while the ticket waits for the customer and stops when the ticket is resolved. Pure rules: the
 * caller passes in the time.
 */
public final class SlaRules {

    /** A target that has just crossed its at-risk or breach threshold. */
    public record Crossing(SlaTarget target, boolean breach, Instant dueAt) {
    }

    /** Where a target stands: the consumed seconds it counts from and its limit. */
    private record Window(long from, long limit) {
    }

    private SlaRules() {
    }

    public static boolean running(Ticket ticket) {
        return ticket.slaRunningSince != null;
    }

    /** Working seconds consumed so far. */
    public static long consumed(Ticket ticket, BusinessCalendar calendar, Instant now) {
        long running = ticket.slaRunningSince == null ? 0 : calendar.secondsBetween(ticket.slaRunningSince, now);
        return ticket.slaConsumedSeconds + running;
    }

    public static void start(Ticket ticket, Instant now) {
        if (ticket.slaRunningSince == null) {
            ticket.slaRunningSince = now;
        }
    }

    /** Stops the clock (pause or stop): what ran so far is kept. */
    public static void pause(Ticket ticket, BusinessCalendar calendar, Instant now) {
        if (ticket.slaRunningSince != null) {
            ticket.slaConsumedSeconds = consumed(ticket, calendar, now);
            ticket.slaRunningSince = null;
        }
        ticket.slaNextCheckAt = null;
        ticket.slaDueAt = null;
    }

    /** The customer wrote: the next-response target starts now, unless it already runs. */
    public static void customerWrote(Ticket ticket, BusinessCalendar calendar, Instant now) {
        if (ticket.firstRespondedAt != null && ticket.awaitingReplyFrom == null) {
            ticket.awaitingReplyFrom = consumed(ticket, calendar, now);
        }
    }

    /** An agent answered publicly: the response targets are met. */
    public static void agentReplied(Ticket ticket, Instant now) {
        if (ticket.firstRespondedAt == null) {
            ticket.firstRespondedAt = now;
            ticket.slaAtRiskTargets = without(ticket.slaAtRiskTargets, SlaTarget.FIRST_RESPONSE);
        }
        ticket.awaitingReplyFrom = null;
        ticket.slaAtRiskTargets = without(ticket.slaAtRiskTargets, SlaTarget.NEXT_RESPONSE);
        ticket.slaBreachedTargets = without(ticket.slaBreachedTargets, SlaTarget.NEXT_RESPONSE);
        ticket.slaAtRisk = !ticket.slaAtRiskTargets.isEmpty();
    }

    /** When each target that still applies falls due, or is absent while the clock does not run. */
    public static Map<SlaTarget, Instant> dueDates(Ticket ticket, SlaPolicy policy, BusinessCalendar calendar) {
        Map<SlaTarget, Instant> due = new EnumMap<>(SlaTarget.class);
        if (ticket.slaRunningSince == null) {
            return due;
        }
        windows(ticket, policy).forEach((target, window) -> due.put(target,
                calendar.after(ticket.slaRunningSince, Math.max(0, window.from + window.limit - ticket.slaConsumedSeconds))));
        return due;
    }

    /**
     * Records each target that crossed its at-risk or breach threshold by {@code now}, and when the
     * next threshold falls. Each crossing is reported once.
     */
    public static List<Crossing> evaluate(Ticket ticket, SlaPolicy policy, BusinessCalendar calendar, Instant now,
            double atRiskRatio) {
        List<Crossing> crossings = new ArrayList<>();
        long consumed = consumed(ticket, calendar, now);
        Map<SlaTarget, Instant> due = dueDates(ticket, policy, calendar);
        windows(ticket, policy).forEach((target, window) -> {
            long used = consumed - window.from;
            if (used >= window.limit && !has(ticket.slaBreachedTargets, target)) {
                ticket.slaBreachedTargets = with(ticket.slaBreachedTargets, target);
                ticket.slaAtRiskTargets = without(ticket.slaAtRiskTargets, target);
                ticket.slaBreached = true;
                crossings.add(new Crossing(target, true, due.get(target)));
            } else if (used < window.limit && used >= atRiskThreshold(window, atRiskRatio)
                    && !has(ticket.slaAtRiskTargets, target) && !has(ticket.slaBreachedTargets, target)) {
                ticket.slaAtRiskTargets = with(ticket.slaAtRiskTargets, target);
                crossings.add(new Crossing(target, false, due.get(target)));
            }
        });
        ticket.slaAtRisk = !ticket.slaAtRiskTargets.isEmpty();
        schedule(ticket, policy, calendar, atRiskRatio);
        return crossings;
    }

    /**
     * Sets when the next threshold falls and when the first target falls due (the ticket list's SLA order), or
     * nothing while the clock does not run.
     */
    public static void schedule(Ticket ticket, SlaPolicy policy, BusinessCalendar calendar, double atRiskRatio) {
        if (ticket.slaRunningSince == null) {
            ticket.slaNextCheckAt = null;
            ticket.slaDueAt = null;
            return;
        }
        Instant next = null;
        Instant firstDue = null;
        for (Map.Entry<SlaTarget, Window> entry : windows(ticket, policy).entrySet()) {
            SlaTarget target = entry.getKey();
            Window window = entry.getValue();
            Instant due = calendar.after(ticket.slaRunningSince,
                    Math.max(0, window.from + window.limit - ticket.slaConsumedSeconds));
            if (firstDue == null || due.isBefore(firstDue)) {
                firstDue = due;
            }
            if (has(ticket.slaBreachedTargets, target)) {
                continue;
            }
            long threshold = has(ticket.slaAtRiskTargets, target) ? window.limit : atRiskThreshold(window, atRiskRatio);
            Instant at = calendar.after(ticket.slaRunningSince,
                    Math.max(0, window.from + threshold - ticket.slaConsumedSeconds));
            if (next == null || at.isBefore(next)) {
                next = at;
            }
        }
        ticket.slaNextCheckAt = next;
        ticket.slaDueAt = firstDue;
    }

    private static long atRiskThreshold(Window window, double ratio) {
        return (long) Math.floor(window.limit * ratio);
    }

    private static Map<SlaTarget, Window> windows(Ticket ticket, SlaPolicy policy) {
        Map<SlaTarget, Window> windows = new EnumMap<>(SlaTarget.class);
        if (!ticket.status.isActive()) {
            return windows;
        }
        if (ticket.firstRespondedAt == null) {
            windows.put(SlaTarget.FIRST_RESPONSE, new Window(0, policy.firstResponseMinutes * 60L));
        } else if (ticket.awaitingReplyFrom != null) {
            windows.put(SlaTarget.NEXT_RESPONSE, new Window(ticket.awaitingReplyFrom, policy.nextResponseMinutes * 60L));
        }
        windows.put(SlaTarget.RESOLUTION, new Window(0, policy.resolutionMinutes * 60L));
        return windows;
    }

    static boolean has(String targets, SlaTarget target) {
        // Most tickets have no target at risk or breached: no parsing for them.
        return !targets.isEmpty() && set(targets).contains(target.name());
    }

    private static String with(String targets, SlaTarget target) {
        Set<String> set = set(targets);
        set.add(target.name());
        return String.join(",", set);
    }

    private static String without(String targets, SlaTarget target) {
        if (targets.isEmpty()) {
            return targets;
        }
        Set<String> set = set(targets);
        set.remove(target.name());
        return String.join(",", set);
    }

    private static Set<String> set(String targets) {
        return Arrays.stream(targets.split(",")).filter(s -> !s.isBlank())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
