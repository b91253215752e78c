package org.candor.feedback.rest;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * Scores measured before an incident, as counts. At least one of {@code nps}, {@code csat}, {@code trustCounts}.
 *
 * @param incidentId the incident this is the baseline of; null for the organisation's baseline
 * @param label where the figures come from, e.g. {@code Customer survey Q1 2026}
 * @param measuredFrom first day of the measurement
 * @param measuredTo last day of the measurement, not before {@code measuredFrom}
 * @param trustCounts answers per trust score 1–5, exactly five counts
 */
public record BaselineRequest(UUID incidentId, @NotBlank @Size(max = 120) String label,
        @NotNull LocalDate measuredFrom, @NotNull LocalDate measuredTo, @Valid Nps nps, @Valid Csat csat,
        @Size(min = 5, max = 5) List<@NotNull @PositiveOrZero @Max(100_000_000) Integer> trustCounts) {

    /** NPS answers by group. */
    public record Nps(@NotNull @PositiveOrZero @Max(100_000_000) Integer promoters,
            @NotNull @PositiveOrZero @Max(100_000_000) Integer passives,
            @NotNull @PositiveOrZero @Max(100_000_000) Integer detractors) {
    }

    /**
     * CSAT answers.
     *
     * @param satisfied answers 4 or 5, at most {@code answers}
     */
    public record Csat(@NotNull @PositiveOrZero @Max(100_000_000) Integer answers,
            @NotNull @PositiveOrZero @Max(100_000_000) Integer satisfied) {
    }
}
