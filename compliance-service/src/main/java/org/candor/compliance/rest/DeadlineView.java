package org.candor.compliance.rest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import org.candor.compliance.domain.deadline.CatalogueGap;
import org.candor.compliance.domain.deadline.Deadline;

/** One obligation that applies, and when it falls due ({@code dueAt} null and {@code asap} true: no fixed period). */
public record DeadlineView(String regime, String recipient, String trigger, boolean triggerAssumed, Instant dueAt,
        OffsetDateTime dueAtLocal, String timezone, boolean asap, String citation, String notes) {

    public static DeadlineView of(Deadline deadline) {
        return new DeadlineView(deadline.regime(), deadline.recipient(), deadline.trigger().toString(),
                deadline.triggerAssumed(), deadline.dueAt(), deadline.dueAtLocal(), deadline.timezone().getId(),
                deadline.asap(), deadline.citation(), deadline.notes());
    }

    /**
     * The calculator's answer.
     *
     * @param catalogueGaps places in the population that no regime covers: no deadline could be computed for them
     */
    public record Calculation(List<DeadlineView> obligations, List<CatalogueGap> catalogueGaps) {
    }
}
