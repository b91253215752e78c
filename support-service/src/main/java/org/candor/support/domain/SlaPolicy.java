package org.candor.support.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** SLA targets of one priority, in minutes of the queue's calendar. */
@Entity
@Table(name = "sla_policy")
public class SlaPolicy extends PanacheEntityBase {

    @Id
    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "first_response_minutes", nullable = false)
    public int firstResponseMinutes;

    @Column(name = "next_response_minutes", nullable = false)
    public int nextResponseMinutes;

    @Column(name = "resolution_minutes", nullable = false)
    public int resolutionMinutes;
}
