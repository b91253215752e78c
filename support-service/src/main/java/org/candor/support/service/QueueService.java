package org.candor.support.service;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.support.domain.BusinessCalendar;
import org.candor.support.domain.Priority;
import org.candor.support.domain.SlaPolicy;
import org.candor.support.domain.SupportQueue;

/** Queues with their skills and calendars, and the SLA policy per priority; kept by supervisors. */
@ApplicationScoped
public class QueueService {

    private final ReferenceData referenceData;

    QueueService(ReferenceData referenceData) {
        this.referenceData = referenceData;
    }

    public List<SupportQueue> queues() {
        return SupportQueue.<SupportQueue>find("order by code").list();
    }

    /** Creates or changes a queue; no business hours means 24/7 (and then no holidays either). */
    @Transactional
    public SupportQueue save(String code, String name, List<String> skills, LocalTime businessStart,
            LocalTime businessEnd, String businessDays, String timeZone, List<LocalDate> holidays, boolean autoAssign) {
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw Problems.invalid("timeZone", "'" + timeZone + "' is not a time zone");
        }
        if ((businessStart == null) != (businessEnd == null) || (businessStart == null) != (businessDays == null)) {
            throw Problems.invalid("businessStart", "give businessStart, businessEnd and businessDays together, or none for 24/7");
        }
        if (businessStart != null && !businessEnd.isAfter(businessStart)) {
            throw Problems.invalid("businessEnd", "must be after businessStart");
        }
        if (businessStart == null && holidays != null && !holidays.isEmpty()) {
            throw Problems.invalid("holidays", "a 24/7 queue has no holidays; give business hours too");
        }
        SupportQueue queue = SupportQueue.<SupportQueue>findByIdOptional(code).orElseGet(() -> {
            SupportQueue created = new SupportQueue();
            created.code = code;
            return created;
        });
        queue.name = name;
        queue.skills = skills == null ? new String[0] : skills.toArray(String[]::new);
        queue.businessStart = businessStart;
        queue.businessEnd = businessEnd;
        queue.businessDays = businessDays;
        queue.timeZone = timeZone;
        queue.holidays = holidays == null ? "" : holidays.stream().distinct().sorted().map(LocalDate::toString)
                .collect(Collectors.joining(","));
        queue.autoAssign = autoAssign;
        try {
            BusinessCalendar.of(queue);
        } catch (IllegalArgumentException e) {
            throw Problems.invalid("businessDays", e.getMessage());
        }
        queue.persist();
        referenceData.changedInThisTransaction();
        return queue;
    }

    public List<SlaPolicy> policies() {
        return SlaPolicy.<SlaPolicy>find("order by priority").list();
    }

    @Transactional
    public SlaPolicy savePolicy(Priority priority, int firstResponse, int nextResponse, int resolution) {
        SlaPolicy policy = SlaPolicy.<SlaPolicy>findByIdOptional(priority).orElseGet(() -> {
            SlaPolicy created = new SlaPolicy();
            created.priority = priority;
            return created;
        });
        policy.firstResponseMinutes = firstResponse;
        policy.nextResponseMinutes = nextResponse;
        policy.resolutionMinutes = resolution;
        policy.persist();
        referenceData.changedInThisTransaction();
        return policy;
    }
}
