package org.candor.feedback.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * Aggregate scores measured before an incident, imported, never computed here. Each score is optional; a
 * score given is given by its counts, so that its interval and its difference to a wave can be worked out.
 */
@Entity
@Table(name = "baseline")
public class Baseline extends PanacheEntityBase {

    @Id
    public UUID id;

    /** The incident it is the baseline of, or null for the organisation's. */
    @Column(name = "incident_id")
    public UUID incidentId;

    @Column(nullable = false)
    public String label;

    @Column(name = "measured_from", nullable = false)
    public LocalDate measuredFrom;

    @Column(name = "measured_to", nullable = false)
    public LocalDate measuredTo;

    public Integer promoters;
    public Integer passives;
    public Integer detractors;

    @Column(name = "csat_answers")
    public Integer csatAnswers;

    @Column(name = "csat_satisfied")
    public Integer csatSatisfied;

    @Column(name = "trust_1")
    public Integer trust1;
    @Column(name = "trust_2")
    public Integer trust2;
    @Column(name = "trust_3")
    public Integer trust3;
    @Column(name = "trust_4")
    public Integer trust4;
    @Column(name = "trust_5")
    public Integer trust5;

    @Column(name = "imported_at", nullable = false)
    public Instant importedAt;

    /** Answers per NPS score 0–10 as far as known: detractors counted at 0, passives at 7, promoters at 10. */
    public long[] npsCounts() {
        long[] counts = new long[11];
        if (promoters != null) {
            counts[0] = detractors;
            counts[7] = passives;
            counts[10] = promoters;
        }
        return counts;
    }

    /** CSAT answers as far as known: the satisfied counted at 5, the others at 1. */
    public long[] csatCounts() {
        long[] counts = new long[5];
        if (csatAnswers != null) {
            counts[0] = csatAnswers - csatSatisfied;
            counts[4] = csatSatisfied;
        }
        return counts;
    }

    public long[] trustCounts() {
        return trust1 == null ? new long[5] : new long[] {trust1, trust2, trust3, trust4, trust5};
    }
}
