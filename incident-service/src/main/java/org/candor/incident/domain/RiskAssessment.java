package org.candor.incident.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An explicit, recorded judgement of the risk to individuals (GDPR Art. 33 and 34). */
@Entity
@Immutable
@Table(name = "risk_assessment")
public class RiskAssessment extends PanacheEntityBase {

    public enum Level {
        LOW, MEDIUM, HIGH;

        int weight() {
            return ordinal() + 1;
        }
    }

    public enum RiskLevel {
        NONE_OR_UNLIKELY, RISK, HIGH_RISK;

        /**
         * The usual likelihood × impact matrix: a product of 1–2 is unlikely to result in a risk,
         * 3–4 is a risk (the supervisory authority is told), 6–9 a high risk (people are told too).
         */
        public static RiskLevel of(Level likelihood, Level impact) {
            int score = likelihood.weight() * impact.weight();
            return score <= 2 ? NONE_OR_UNLIKELY : score <= 4 ? RISK : HIGH_RISK;
        }
    }

    @Id
    public UUID id;

    @Column(name = "incident_id", nullable = false)
    public UUID incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level likelihood;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Level impact;

    @Enumerated(EnumType.STRING)
    @Column(name = "risk_level", nullable = false)
    public RiskLevel riskLevel;

    @Column(name = "high_risk_to_individuals", nullable = false)
    public boolean highRiskToIndividuals;

    @Column(nullable = false)
    public String rationale;

    @Column(name = "assessed_at", nullable = false)
    public Instant assessedAt;

    @Column(name = "assessed_by", nullable = false)
    public String assessedBy;
}
