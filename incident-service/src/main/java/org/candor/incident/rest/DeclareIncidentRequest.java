package org.candor.incident.rest;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.Severity;

/**
 * The body of {@code POST /api/incidents} and {@code PUT /api/incidents/{id}/details}.
 *
 * @param title short public title
 * @param summary what is known so far, in English; or use {@code summaries}
 * @param summaries what is known so far, per locale ({@code de}, {@code en}, ...)
 * @param severity LOW, MEDIUM, HIGH or CRITICAL
 * @param detectedAt when the incident was first detected, with an offset
 * @param awareAt when the organisation became aware of it, with an offset; legal clocks start here
 * @param dataCategories the kinds of personal data affected
 * @param affectedSystems the systems involved
 * @param attackVector how the attacker got in, as far as known
 * @param experts external experts engaged, with when
 */
public record DeclareIncidentRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 10000) String summary,
        @Size(max = 10) Map<@Pattern(regexp = "[a-z]{2}(-[A-Z]{2})?", message = "must be a locale such as de or en-GB") String,
                @NotBlank @Size(max = 10000) String> summaries,
        @NotNull Severity severity,
        @NotNull @PastOrPresent OffsetDateTime detectedAt,
        @NotNull @PastOrPresent OffsetDateTime awareAt,
        @Size(max = 10) List<@NotNull DataCategory> dataCategories,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> affectedSystems,
        @Size(max = 500) String attackVector,
        @Size(max = 50) List<@NotNull @Valid ExpertRequest> experts) {

    /** Awareness cannot come before the first detection. */
    @AssertTrue(message = "must not be before detectedAt")
    public boolean isAwareAt() {
        return detectedAt == null || awareAt == null || !awareAt.isBefore(detectedAt);
    }

    /** A summary is required, either as {@code summary} or in {@code summaries}. */
    @AssertTrue(message = "at least one summary is required (summary or summaries)")
    public boolean isSummaries() {
        return (summary != null && !summary.isBlank()) || (summaries != null && !summaries.isEmpty());
    }

    /**
     * @param kind FORENSICS, COUNSEL, PR or OTHER
     * @param name the firm or person
     * @param engagedAt when, with an offset
     */
    public record ExpertRequest(
            @NotNull org.candor.incident.domain.Expert.ExpertKind kind,
            @NotBlank @Size(max = 200) String name,
            @NotNull OffsetDateTime engagedAt) {
    }
}
