package org.candor.compliance.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.candor.contracts.incident.Severity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An incident as this service knows it from incident-service's events. */
@Entity
@Table(name = "known_incident")
public class KnownIncident extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String title;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(name = "aware_at", nullable = false)
    public Instant awareAt;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;

    /** The summary in the incident's primary language (English when given). */
    public String summary;

    /** The summary per locale ({@code de}, {@code en}, ...), as incident-service last described the incident. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> summaries;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "data_categories")
    public List<String> dataCategories;

    /** NONE_OR_UNLIKELY, RISK, HIGH_RISK; null until assessed. */
    @Column(name = "risk_level")
    public String riskLevel;

    @Column(name = "high_risk", nullable = false)
    public boolean highRisk;

    /** The assessment's likelihood and impact, for the notification draft. */
    @Column(name = "likely_consequences")
    public String likelyConsequences;

    /** LOW, MEDIUM, HIGH; null until assessed. */
    @Column(name = "risk_likelihood")
    public String riskLikelihood;

    /** LOW, MEDIUM, HIGH; null until assessed. */
    @Column(name = "risk_impact")
    public String riskImpact;

    @Column(name = "risk_assessed_at")
    public Instant riskAssessedAt;

    /** The response phases the incident entered (NIST SP 800-61), oldest first. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<PhaseEntered> phases;

    /** Affected people by country and region, as last summarised. */
    @JdbcTypeCode(SqlTypes.JSON)
    public List<PopulationCount> population;

    @Column(name = "total_affected")
    public Long totalAffected;

    @Column(name = "population_as_of")
    public Instant populationAsOf;

    /** The summary in a language ({@code de}, {@code en}), else in the primary language. */
    public String summaryIn(String language) {
        if (summaries != null) {
            String exact = summaries.get(language);
            if (exact != null) {
                return exact;
            }
            for (Map.Entry<String, String> entry : summaries.entrySet()) {
                // A regional locale (de-AT) serves its language.
                if (entry.getKey().startsWith(language + "-")) {
                    return entry.getValue();
                }
            }
        }
        return summary;
    }

    /** When this service applied the event. */
    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    /** A response phase (CONTAINED, ERADICATED, RECOVERED, CLOSED, ...) and when it was entered. */
    public record PhaseEntered(String phase, Instant at) {
    }

    /** People affected in a country, or in a region of it. */
    public record PopulationCount(String country, String region, long count) {
    }
}
