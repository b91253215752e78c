package org.candor.support.domain;

import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A queue of tickets, the skills needed to work it and its SLA calendar. */
@Entity
@Table(name = "support_queue")
public class SupportQueue extends PanacheEntityBase {

    @Id
    public String code;

    @Column(nullable = false)
    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] skills = new String[0];

    /** Start of business hours on each business day, or null for 24/7 or different hours per weekday. */
    @Column(name = "business_start")
    public LocalTime businessStart;

    @Column(name = "business_end")
    public LocalTime businessEnd;

    /** Business days, e.g. {@code MON,TUE,WED,THU,FRI}. */
    @Column(name = "business_days")
    public String businessDays;

    /**
     * Hours that differ between weekdays, e.g. {@code MON 08:00-20:00,SAT 10:00-16:00} (see {@link WeekdayHours}),
     * or null when the single window applies (or the queue is 24/7).
     */
    @Column(name = "weekday_hours")
    public String weekdayHours;

    /** Closed days of a business-hours queue (public holidays), ISO dates separated by commas. */
    @Column(nullable = false)
    public String holidays = "";

    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    @Column(name = "auto_assign", nullable = false)
    public boolean autoAssign;
}
