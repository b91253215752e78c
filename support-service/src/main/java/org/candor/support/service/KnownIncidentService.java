package org.candor.support.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.candor.contracts.incident.IncidentDeclared;
import org.candor.contracts.incident.IncidentPhaseChanged;
import org.candor.support.domain.KnownIncident;

import io.quarkus.logging.Log;

/** Keeps this service's view of the incidents declared in incident-service. */
@ApplicationScoped
public class KnownIncidentService {

    /**
     * The support desk's numbers for one incident, for the incident overview: open tickets (not
     * resolved or closed), of them unassigned, at risk of breaching and breached, the oldest open one's
     * creation, and the tickets resolved (closed ones included). Zero and null for an unknown incident.
     */
    public record Summary(UUID incidentId, long openTickets, long unassigned, long slaAtRisk, long slaBreached,
            Instant oldestOpenSince, long resolvedTickets) {
    }

    private final EntityManager entityManager;
    private final ReferenceData referenceData;

    KnownIncidentService(EntityManager entityManager, ReferenceData referenceData) {
        this.entityManager = entityManager;
        this.referenceData = referenceData;
    }

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
        referenceData.changedInThisTransaction();
        Log.infof("Recorded declared incident %s", incident.id);
    }

    /** Records the incident's new phase; runs inside the consumer's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordPhaseChanged(IncidentPhaseChanged event) {
        KnownIncident.<KnownIncident>findByIdOptional(event.incidentId()).ifPresentOrElse(incident -> {
            incident.phase = event.phase();
            referenceData.changedInThisTransaction();
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

    /** One pass over the incident's tickets (index ticket_incident_seq). */
    public Summary summary(UUID incidentId) {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select count(*) filter (where status not in ('RESOLVED', 'CLOSED')),
                       count(*) filter (where status not in ('RESOLVED', 'CLOSED') and assignee is null),
                       count(*) filter (where status not in ('RESOLVED', 'CLOSED') and sla_at_risk),
                       count(*) filter (where status not in ('RESOLVED', 'CLOSED') and sla_breached),
                       min(created_at) filter (where status not in ('RESOLVED', 'CLOSED')),
                       count(*) filter (where status in ('RESOLVED', 'CLOSED'))
                from ticket where incident_id = :incident""")
                .setParameter("incident", incidentId)
                .getSingleResult();
        return new Summary(incidentId, count(row[0]), count(row[1]), count(row[2]), count(row[3]), instant(row[4]),
                count(row[5]));
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    public List<KnownIncident> latest(int limit) {
        return KnownIncident.<KnownIncident>find("order by declaredAt desc").page(0, limit).list();
    }
}
