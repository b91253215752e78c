package org.candor.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.contracts.incident.IncidentDeclared;
import org.candor.incident.domain.Incident;
import org.candor.incident.domain.Phase;
import org.candor.platform.outbox.Outbox;

import io.quarkus.logging.Log;

/** Declaring and reading incidents. */
@ApplicationScoped
public class IncidentService {

    /** What a commander states when declaring an incident. */
    public record Declaration(String title, String summary, org.candor.contracts.incident.Severity severity,
            Instant detectedAt, Instant awareAt) {
    }

    private final Outbox outbox;
    private final Clock clock;

    IncidentService(Outbox outbox) {
        this.outbox = outbox;
        this.clock = Clock.systemUTC();
    }

    /** Stores the incident and, in the same transaction, the {@link IncidentDeclared} event. */
    @Transactional
    public Incident declare(Declaration declaration, String declaredBy) {
        Incident incident = new Incident();
        incident.id = UUID.randomUUID();
        incident.title = declaration.title();
        incident.summary = declaration.summary();
        incident.severity = declaration.severity();
        incident.phase = Phase.DETECTED;
        incident.detectedAt = declaration.detectedAt();
        incident.awareAt = declaration.awareAt();
        incident.declaredAt = Instant.now(clock);
        incident.declaredBy = declaredBy;
        incident.persist();
        outbox.record(new IncidentDeclared(incident.id, incident.title, incident.summary, incident.severity,
                incident.detectedAt, incident.awareAt, incident.declaredAt), incident.declaredAt);
        Log.infof("Incident %s declared (severity %s)", incident.id, incident.severity);
        return incident;
    }

    public Optional<Incident> find(UUID id) {
        return Incident.findByIdOptional(id);
    }

    public List<Incident> latest(int limit) {
        return Incident.<Incident>find("order by declaredAt desc").page(0, limit).list();
    }
}
