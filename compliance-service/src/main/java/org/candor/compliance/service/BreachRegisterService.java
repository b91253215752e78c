package org.candor.compliance.service;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.Filing;
import org.candor.compliance.domain.KnownIncident;
import org.candor.compliance.domain.Obligation;
import org.candor.compliance.rest.RegisterEntryView;

/**
 * The breach register GDPR Art. 33(5) asks for: every incident this service knows, whether it was notified or
 * not, with its facts, effects and what was done about each reporting obligation.
 */
@ApplicationScoped
public class BreachRegisterService {

    private final EntityManager entityManager;

    BreachRegisterService(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    private record Told(long people, Instant first, Instant last) {
    }

    /** Oldest incident first, as a register is kept. */
    @Transactional
    public List<RegisterEntryView> entries() {
        List<KnownIncident> incidents = KnownIncident.list("order by awareAt, id");
        Map<UUID, List<Obligation>> obligations = Obligation.<Obligation>list("order by asap desc, dueAt nulls last, regime, recipient")
                .stream().collect(Collectors.groupingBy(o -> o.incidentId));
        Map<UUID, List<Filing>> filings = Filing.<Filing>list("order by submittedAt").stream()
                .collect(Collectors.groupingBy(f -> f.obligationId));
        Map<UUID, Told> told = entityManager.createQuery("select e.incidentId, count(distinct e.customerId),"
                + " min(e.deliveredAt), max(e.deliveredAt) from DeliveryEvidence e group by e.incidentId", Object[].class)
                .getResultStream().collect(Collectors.toMap(row -> (UUID) row[0],
                        row -> new Told((Long) row[1], (Instant) row[2], (Instant) row[3])));

        return incidents.stream().map(incident -> {
            List<RegisterEntryView.RegimeOutcome> regimes = obligations.getOrDefault(incident.id, List.of()).stream()
                    .map(o -> outcome(o, filings.getOrDefault(o.id, List.of()))).toList();
            Told people = told.getOrDefault(incident.id, new Told(0, null, null));
            return new RegisterEntryView(incident.id, incident.title, incident.severity.name(), incident.detectedAt,
                    incident.awareAt, incident.dataCategories == null ? List.of() : incident.dataCategories,
                    incident.totalAffected, incident.riskLevel, incident.highRisk,
                    regimes.stream().anyMatch(r -> r.filings() > 0), regimes, people.people(), people.first(),
                    people.last());
        }).toList();
    }

    private static RegisterEntryView.RegimeOutcome outcome(Obligation obligation, List<Filing> filings) {
        Filing first = filings.stream().min(Comparator.comparing(f -> f.submittedAt)).orElse(null);
        return new RegisterEntryView.RegimeOutcome(obligation.regime, obligation.recipient, obligation.status.name(),
                obligation.dueAt, obligation.asap, first == null ? null : first.submittedAt,
                first == null ? null : first.reference, filings.size(), filings.stream().anyMatch(f -> f.late),
                filings.stream().map(f -> f.lateReason).filter(reason -> reason != null).findFirst().orElse(null),
                obligation.justification);
    }
}
