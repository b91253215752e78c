package org.candor.notification.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentDetailsChanged;
import org.candor.contracts.incident.RiskAssessed;
import org.candor.notification.domain.KnownIncident;

import io.quarkus.logging.Log;

/** Keeps this service's view of the incidents declared in incident-service. */
@ApplicationScoped
public class KnownIncidentService {

    /** Records a declared incident; runs inside the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDeclared(IncidentDeclared event) {
        KnownIncident incident = KnownIncident.<KnownIncident>findByIdOptional(event.incidentId()).orElseGet(() -> {
            KnownIncident created = new KnownIncident();
            created.id = event.incidentId();
            return created;
        });
        incident.title = event.title();
        incident.severity = event.severity();
        incident.detectedAt = event.detectedAt();
        incident.awareAt = event.awareAt();
        incident.declaredAt = event.declaredAt();
        incident.recordedAt = Instant.now();
        incident.persist();
        Log.infof("Recorded declared incident %s", incident.id);
    }

    /** The incident's public facts changed; an incident not seen declared is recorded from them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordDetails(IncidentDetailsChanged event) {
        KnownIncident incident = KnownIncident.<KnownIncident>findByIdOptional(event.incidentId()).orElseGet(() -> {
            KnownIncident created = new KnownIncident();
            created.id = event.incidentId();
            created.declaredAt = event.changedAt();
            return created;
        });
        incident.title = event.title();
        incident.severity = event.severity();
        incident.detectedAt = event.detectedAt();
        incident.awareAt = event.awareAt();
        incident.summaries = event.summaries() == null ? new java.util.HashMap<>() : new java.util.HashMap<>(event.summaries());
        incident.dataCategories = event.dataCategories() == null ? ""
                : String.join(",", event.dataCategories().stream().map(Enum::name).toList());
        incident.recordedAt = Instant.now();
        incident.persist();
        Log.infof("Recorded details of incident %s", incident.id);
    }

    /** A risk assessment: a high risk to people makes the next update to them the Art. 34 breach notice. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordRisk(RiskAssessed event) {
        KnownIncident.<KnownIncident>findByIdOptional(event.incidentId()).ifPresentOrElse(incident -> {
            incident.highRisk = event.highRiskToIndividuals();
            Log.infof("Incident %s: high risk to individuals %s", incident.id, incident.highRisk);
        }, () -> Log.warnf("Risk assessment %s for unknown incident %s ignored", event.assessmentId(), event.incidentId()));
    }

    public Optional<KnownIncident> find(UUID id) {
        return KnownIncident.findByIdOptional(id);
    }

    public List<KnownIncident> latest(int limit) {
        return KnownIncident.<KnownIncident>find("order by declaredAt desc").page(0, limit).list();
    }
}
