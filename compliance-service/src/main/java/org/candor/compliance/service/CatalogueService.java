package org.candor.compliance.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.candor.compliance.config.CatalogueInForce;
import org.candor.compliance.config.CatalogueInForce.Candidate;
import org.candor.compliance.domain.CatalogueVersion;
import org.candor.compliance.domain.deadline.DeadlineEngine;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Replaces the regime catalogue without a release: reads the configured files at start, every
 * {@code catalogue-check-every} and on a staff reload; a valid new version is recorded (once, whichever replica sees
 * it first), audited, put in force and applied to every open obligation; an invalid one is refused with every
 * error and the version in force stays.
 */
@ApplicationScoped
public class CatalogueService {

    /** The actor of a version applied by the periodic check or at start. */
    public static final String CHECK = "catalogue-check";

    private final CatalogueInForce catalogues;
    private final ObligationService obligations;
    private final AuditLog audit;

    CatalogueService(CatalogueInForce catalogues, ObligationService obligations, AuditLog audit) {
        this.catalogues = catalogues;
        this.obligations = obligations;
        this.audit = audit;
    }

    /**
     * @param outcome {@code ACTIVATED} (a new version is in force), {@code UNCHANGED} (the files hold the version in
     *        force) or {@code REFUSED} (the files are invalid; {@code version} stays in force)
     * @param errors every error, each starting with its file and path, when refused
     * @param changes what the new version changed in open obligations
     */
    public record Reload(String outcome, String version, String previousVersion, List<String> errors,
            List<ObligationService.CatalogueChange> changes) {
    }

    void onStart(@Observes StartupEvent start) {
        CatalogueInForce.InForce inForce = catalogues.inForce();
        Candidate current = new Candidate(inForce.source(), inForce.sha256(), inForce.regimesJson(),
                inForce.calendarsJson(), inForce.catalogue(), List.of());
        apply(current, CHECK, null);
    }

    @Scheduled(every = "{candor.compliance.catalogue-check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodicCheck() {
        check(CHECK);
    }

    /** Reads the files again and applies a new valid version. */
    public Reload check(String actor) {
        Candidate candidate = catalogues.read();
        CatalogueInForce.InForce inForce = catalogues.inForce();
        String inForceVersion = inForce.catalogue().version();
        if (!candidate.valid()) {
            catalogues.reject(candidate);
            return new Reload("REFUSED", inForceVersion, null, candidate.errors(), List.of());
        }
        if (candidate.sha256().equals(inForce.sha256())) {
            catalogues.clearRejection();
            catchUp(inForce);
            return new Reload("UNCHANGED", inForceVersion, null, List.of(), List.of());
        }
        if (candidate.catalogue().version().equals(inForceVersion)) {
            return refuse(candidate, "version " + inForceVersion + " is in force with different content:"
                    + " a changed catalogue needs a new version");
        }
        return apply(candidate, actor, inForceVersion);
    }

    private Reload refuse(Candidate candidate, String error) {
        Candidate refused = new Candidate(candidate.source(), candidate.sha256(), candidate.regimesJson(),
                candidate.calendarsJson(), null, List.of(candidate.source() + ": version: " + error));
        catalogues.reject(refused);
        return new Reload("REFUSED", catalogues.catalogue().version(), null, refused.errors(), List.of());
    }

    /**
     * Records the version if no replica has, applies it to the open obligations computed with another version
     * (only while it is the newest recorded, so a replica still on an older file does not undo it), and puts it in
     * force once that has committed.
     */
    private Reload apply(Candidate candidate, String actor, String previousVersion) {
        String version = candidate.catalogue().version();
        DeadlineEngine engine = new DeadlineEngine(candidate.catalogue());
        Instant now = Instant.now();
        Optional<String> conflict = QuarkusTransaction.requiringNew().call(() -> {
            audit.lockChain();
            CatalogueVersion recorded = CatalogueVersion.findById(version);
            if (recorded != null && !recorded.sha256.equals(candidate.sha256())) {
                return Optional.of("version " + version + " was recorded " + recorded.recordedAt
                        + " with different content: a changed catalogue needs a new version");
            }
            Optional<CatalogueVersion> latest = CatalogueVersion.latest();
            boolean newest = recorded == null || latest.map(l -> l.version.equals(version)).orElse(true);
            List<ObligationService.CatalogueChange> changes = newest
                    ? obligations.recalculateForCatalogue(engine, recorded == null, "catalogue:" + version, now)
                    : List.of();
            if (recorded == null) {
                CatalogueVersion row = new CatalogueVersion();
                row.version = version;
                row.calendarsVersion = candidate.catalogue().calendarsVersion();
                row.sha256 = candidate.sha256();
                row.source = candidate.source();
                row.regimesJson = candidate.regimesJson();
                row.calendarsJson = candidate.calendarsJson();
                row.regimes = candidate.catalogue().rules().size();
                row.recordedAt = now;
                row.changes = changes.stream().map(CatalogueService::asMap).toList();
                row.persist();
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("version", version);
                details.put("calendarsVersion", row.calendarsVersion);
                details.put("sha256", row.sha256);
                details.put("source", row.source);
                details.put("regimes", row.regimes);
                details.put("previousVersion", previousVersion == null
                        ? latest.map(l -> l.version).orElse(null) : previousVersion);
                details.put("obligationsChanged", changes.size());
                audit.append(actor, "catalogue.activated", "catalogue/" + version, details);
            } else if (!changes.isEmpty()) {
                List<Map<String, Object>> all = new ArrayList<>(recorded.changes);
                changes.forEach(change -> all.add(asMap(change)));
                recorded.changes = all;
            }
            return Optional.<String>empty();
        });
        if (conflict.isPresent()) {
            return refuse(candidate, conflict.get());
        }
        catalogues.activate(candidate);
        Log.infof("Regime catalogue version %s applied (previously %s)", version, previousVersion);
        List<ObligationService.CatalogueChange> changes = QuarkusTransaction.requiringNew().call(() -> changesOf(version));
        return new Reload("ACTIVATED", version, previousVersion, List.of(), changes);
    }

    /**
     * Brings open obligations that a replica still on the previous version recomputed back to the version in force,
     * while it is the newest recorded (a replica with an older file leaves them alone).
     */
    private void catchUp(CatalogueInForce.InForce inForce) {
        String version = inForce.catalogue().version();
        QuarkusTransaction.requiringNew().run(() -> {
            if (!CatalogueVersion.latest().map(l -> l.version.equals(version)).orElse(false)) {
                return;
            }
            audit.lockChain();
            List<ObligationService.CatalogueChange> changes = obligations.recalculateForCatalogue(inForce.engine(),
                    false, "catalogue:" + version, Instant.now());
            if (!changes.isEmpty()) {
                CatalogueVersion recorded = CatalogueVersion.findById(version);
                List<Map<String, Object>> all = new ArrayList<>(recorded.changes);
                changes.forEach(change -> all.add(asMap(change)));
                recorded.changes = all;
            }
        });
    }

    /** Every recorded version, newest first, with what it changed. */
    public List<CatalogueVersion> versions() {
        return QuarkusTransaction.requiringNew().call(() -> CatalogueVersion.<CatalogueVersion>list("order by recordedAt desc"));
    }

    /** What applying {@code version} changed. */
    public List<ObligationService.CatalogueChange> changes(CatalogueVersion version) {
        return version.changes.stream().map(CatalogueService::fromMap).toList();
    }

    private static List<ObligationService.CatalogueChange> changesOf(String version) {
        CatalogueVersion row = CatalogueVersion.findById(version);
        return row == null ? List.of() : row.changes.stream().map(CatalogueService::fromMap).toList();
    }

    private static Map<String, Object> asMap(ObligationService.CatalogueChange c) {
        Map<String, Object> map = new HashMap<>();
        map.put("obligationId", c.obligationId().toString());
        map.put("incidentId", c.incidentId().toString());
        map.put("regime", c.regime());
        map.put("recipient", c.recipient());
        map.put("change", c.change());
        map.put("previousCatalogueVersion", c.previousCatalogueVersion());
        map.put("previousDueAt", text(c.previousDueAt()));
        map.put("dueAt", text(c.dueAt()));
        map.put("previousComputedDueAt", text(c.previousComputedDueAt()));
        map.put("computedDueAt", text(c.computedDueAt()));
        map.put("asap", c.asap());
        map.put("overridden", c.overridden());
        map.put("previousStatus", c.previousStatus());
        map.put("status", c.status());
        return map;
    }

    private static ObligationService.CatalogueChange fromMap(Map<String, Object> m) {
        return new ObligationService.CatalogueChange(java.util.UUID.fromString((String) m.get("obligationId")),
                java.util.UUID.fromString((String) m.get("incidentId")), (String) m.get("regime"),
                (String) m.get("recipient"), (String) m.get("change"), (String) m.get("previousCatalogueVersion"),
                instant(m.get("previousDueAt")), instant(m.get("dueAt")), instant(m.get("previousComputedDueAt")),
                instant(m.get("computedDueAt")), Boolean.TRUE.equals(m.get("asap")),
                Boolean.TRUE.equals(m.get("overridden")), (String) m.get("previousStatus"), (String) m.get("status"));
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Instant instant(Object value) {
        return value == null ? null : Instant.parse((String) value);
    }
}
