package org.candor.compliance.service;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.domain.ObligationStatus;
import org.candor.compliance.rest.IncidentSummaryView;

/** Counts an incident's obligations by status and finds the next deadline. */
@ApplicationScoped
public class IncidentSummaryService {

    private final ObligationService obligationService;

    IncidentSummaryService(ObligationService obligationService) {
        this.obligationService = obligationService;
    }

    /** Obligations due "without undue delay" are due now, so they come before any fixed deadline. */
    private static final Comparator<Obligation> DUE_FIRST = Comparator.<Obligation, Boolean>comparing(o -> !o.asap)
            .thenComparing(o -> o.dueAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(o -> o.regime)
            .thenComparing(o -> o.recipient);

    /** An incident this service has not heard of yet gives zero counts, not an error. */
    @Transactional
    public IncidentSummaryView summary(UUID incidentId) {
        List<Obligation> obligations = Obligation.list("incidentId", incidentId);
        IncidentSummaryView.NextDeadline next = obligations.stream()
                .filter(o -> o.status == ObligationStatus.OPEN)
                .min(DUE_FIRST)
                .map(o -> new IncidentSummaryView.NextDeadline(o.regime, o.recipient, o.dueAt, o.asap))
                .orElse(null);
        return new IncidentSummaryView(incidentId,
                count(obligations, ObligationStatus.OPEN, ObligationStatus.OVERDUE),
                count(obligations, ObligationStatus.OVERDUE),
                count(obligations, ObligationStatus.FILED, ObligationStatus.LATE_FILED),
                count(obligations, ObligationStatus.NOT_REQUIRED),
                next,
                KnownIncident.<KnownIncident>findByIdOptional(incidentId).map(obligationService::catalogueGaps)
                        .orElse(List.of()).stream()
                        .map(gap -> gap.region() != null ? gap.region() : gap.country()).toList());
    }

    private static long count(List<Obligation> obligations, ObligationStatus... statuses) {
        List<ObligationStatus> wanted = List.of(statuses);
        return obligations.stream().filter(o -> wanted.contains(o.status)).count();
    }
}
