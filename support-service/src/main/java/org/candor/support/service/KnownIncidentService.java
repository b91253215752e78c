package org.candor.support.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.support.domain.KnownIncident;

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

    /** Records the incident's new phase; runs inside the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPhaseChanged(IncidentPhaseChanged event) {
        KnownIncident.<KnownIncident>findByIdOptional(event.incidentId()).ifPresentOrElse(incident -> {
            incident.phase = event.phase();
            Log.infof("Incident %s is now %s", incident.id, incident.phase);
        }, () -> Log.warnf("Phase change of unknown incident %s ignored", event.incidentId()));
    }

    /** The incident a new ticket most likely concerns: the latest declared one that is not closed. */
    public Optional<KnownIncident> active() {
        return KnownIncident.<KnownIncident>find("phase <> 'CLOSED' order by declaredAt desc, recordedAt desc").firstResultOptional();
    }

    public Optional<KnownIncident> find(UUID id) {
        return KnownIncident.findByIdOptional(id);
    }

    public List<KnownIncident> latest(int limit) {
        return KnownIncident.<KnownIncident>find("order by declaredAt desc").page(0, limit).list();
    }
}
