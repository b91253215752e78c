package org.candor.compliance.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.compliance.domain.KnownIncident;
import org.candor.contracts.incident.AffectedPopulationSummarized;
import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.contracts.incident.RiskAssessed;

import io.quarkus.logging.Log;

/**
 * Keeps this service's view of the incidents declared in incident-service, and recomputes their
 * obligations whenever something that decides them changes.
 */
@ApplicationScoped
public class KnownIncidentService {

    private final ObligationService obligations;
    private final AuditLog audit;

    KnownIncidentService(ObligationService obligations, AuditLog audit) {
        this.obligations = obligations;
        this.audit = audit;
    }

    /** Records a declared incident; runs inside the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDeclared(IncidentDeclared event) {
        KnownIncident incident = findOrCreate(event.incidentId());
        incident.title = event.title();
        incident.summary = event.summary();
        incident.severity = event.severity();
        incident.detectedAt = event.detectedAt();
        incident.awareAt = event.awareAt();
        incident.declaredAt = event.declaredAt();
        applied(incident, "incident.declared", Map.of("awareAt", event.awareAt(), "severity", event.severity()));
        Log.infof("Recorded declared incident %s", incident.id);
    }

    /** Details decide which categories of data were hit; a changed awareness time moves every clock. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDetails(IncidentDetailsChanged event) {
        Optional<KnownIncident> known = KnownIncident.findByIdOptional(event.incidentId());
        if (known.isEmpty()) {
            Log.warnf("Details of unknown incident %s ignored until it is declared", event.incidentId());
            return;
        }
        KnownIncident incident = known.get();
        incident.title = event.title();
        incident.severity = event.severity();
        incident.detectedAt = event.detectedAt();
        incident.awareAt = event.awareAt();
        if (event.summaries() != null && !event.summaries().isEmpty()) {
            incident.summary = event.summaries().getOrDefault("en", event.summaries().values().iterator().next());
            incident.summaries = Map.copyOf(event.summaries());
        }
        incident.dataCategories = event.dataCategories() == null ? List.of()
                : event.dataCategories().stream().map(Enum::name).toList();
        applied(incident, "incident.details-changed",
                Map.of("awareAt", event.awareAt(), "dataCategories", incident.dataCategories));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRisk(RiskAssessed event) {
        Optional<KnownIncident> known = KnownIncident.findByIdOptional(event.incidentId());
        if (known.isEmpty()) {
            Log.warnf("Risk assessment of unknown incident %s ignored until it is declared", event.incidentId());
            return;
        }
        KnownIncident incident = known.get();
        incident.riskLevel = event.riskLevel();
        incident.highRisk = event.highRiskToIndividuals();
        incident.likelyConsequences = "likelihood " + event.likelihood() + ", impact " + event.impact();
        incident.riskLikelihood = event.likelihood();
        incident.riskImpact = event.impact();
        incident.riskAssessedAt = event.assessedAt();
        applied(incident, "incident.risk-assessed", Map.of("riskLevel", event.riskLevel(),
                "highRiskToIndividuals", event.highRiskToIndividuals()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPopulation(AffectedPopulationSummarized event) {
        Optional<KnownIncident> known = KnownIncident.findByIdOptional(event.incidentId());
        if (known.isEmpty()) {
            Log.warnf("Population of unknown incident %s ignored until it is declared", event.incidentId());
            return;
        }
        KnownIncident incident = known.get();
        if (incident.populationAsOf != null && event.asOf().isBefore(incident.populationAsOf)) {
            return;
        }
        incident.population = event.counts().stream()
                .map(count -> new KnownIncident.PopulationCount(count.country(), count.region(), count.count())).toList();
        incident.totalAffected = event.total();
        incident.populationAsOf = event.asOf();
        if (event.dataCategories() != null && !event.dataCategories().isEmpty()) {
            incident.dataCategories = event.dataCategories().stream().map(Enum::name).toList();
        }
        applied(incident, "incident.population-summarized", Map.of("total", event.total(), "asOf", event.asOf()));
    }

    /** Phases decide no deadline; they show the measures taken in the notification draft. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPhase(IncidentPhaseChanged event) {
        Optional<KnownIncident> known = KnownIncident.findByIdOptional(event.incidentId());
        if (known.isEmpty()) {
            Log.warnf("Phase change of unknown incident %s ignored until it is declared", event.incidentId());
            return;
        }
        KnownIncident incident = known.get();
        List<KnownIncident.PhaseEntered> phases = new ArrayList<>(incident.phases == null ? List.of() : incident.phases);
        phases.add(new KnownIncident.PhaseEntered(event.phase(), event.changedAt()));
        phases.sort(Comparator.comparing(KnownIncident.PhaseEntered::at));
        incident.phases = phases;
        incident.recordedAt = Instant.now();
        audit.append(ObligationService.SYSTEM, "incident.phase-changed", "incident/" + incident.id,
                new HashMap<>(Map.of("phase", event.phase(), "changedAt", event.changedAt())));
    }

    private void applied(KnownIncident incident, String action, Map<String, ?> details) {
        Instant now = Instant.now();
        incident.recordedAt = now;
        incident.persist();
        audit.append(ObligationService.SYSTEM, action, "incident/" + incident.id, new HashMap<>(details));
        obligations.recalculate(incident.id, ObligationService.SYSTEM, now);
    }

    private static KnownIncident findOrCreate(UUID id) {
        return KnownIncident.<KnownIncident>findByIdOptional(id).orElseGet(() -> {
            KnownIncident created = new KnownIncident();
            created.id = id;
            return created;
        });
    }

    public Optional<KnownIncident> find(UUID id) {
        return KnownIncident.findByIdOptional(id);
    }

    public List<KnownIncident> latest(int limit) {
        return KnownIncident.<KnownIncident>find("order by declaredAt desc").page(0, limit).list();
    }

    public List<KnownIncident> all() {
        return KnownIncident.list("order by declaredAt");
    }
}
