package org.candor.support.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A support agent: how many active tickets they can hold and what they know. */
@Entity
@Table(name = "agent")
public class Agent extends PanacheEntityBase {

    /** The agent's user name (the token's {@code upn}/{@code sub}). */
    @Id
    public String id;

    @Column(nullable = false)
    public int capacity;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public String[] skills = new String[0];

    @Column(nullable = false)
    public boolean active;

    @Column(name = "last_assigned_at")
    public Instant lastAssignedAt;
}
