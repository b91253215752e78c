package org.candor.incident.rest;

import java.time.OffsetDateTime;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;

import org.candor.contracts.incident.Severity;

/**
 * The body of {@code POST /api/incidents}.
 *
 * @param title short public title
 * @param summary what is known so far
 * @param severity LOW, MEDIUM, HIGH or CRITICAL
 * @param detectedAt when the incident was first detected, with an offset
 * @param awareAt when the organisation became aware of it, with an offset; legal clocks start here
 */
public record DeclareIncidentRequest(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 10000) String summary,
        @NotNull Severity severity,
        @NotNull @PastOrPresent OffsetDateTime detectedAt,
        @NotNull @PastOrPresent OffsetDateTime awareAt) {

    /** Awareness cannot come before the first detection. */
    @AssertTrue(message = "must not be before detectedAt")
    public boolean isAwareAt() {
        return detectedAt == null || awareAt == null || !awareAt.isBefore(detectedAt);
    }
}
