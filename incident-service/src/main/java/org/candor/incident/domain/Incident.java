package org.candor.incident.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.Severity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A security incident the organisation is handling. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    /** The summary per locale, e.g. {@code de} and {@code en}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> summaries = new LinkedHashMap<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Phase phase;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    /** When the organisation became aware: legal reporting clocks start here. */
    @Column(name = "aware_at", nullable = false)
    public Instant awareAt;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;

    /** The staff subject who declared it. */
    @Column(name = "declared_by", nullable = false)
    public String declaredBy;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "data_categories", nullable = false)
    public List<DataCategory> dataCategories = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "affected_systems", nullable = false)
    public List<String> affectedSystems = new ArrayList<>();

    @Column(name = "attack_vector")
    public String attackVector;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Expert> experts = new ArrayList<>();

    /** The affected-population counts last published, so unchanged counts publish nothing. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "population_summary")
    public Population lastPublishedPopulation;

    /** When the next status update was promised; null when none is promised. */
    @Column(name = "next_update_due_at")
    public Instant nextUpdateDueAt;

    /** Optimistic lock: two commanders editing at once cannot overwrite each other silently. */
    @Version
    public long version;
}
