package org.candor.feedback.service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.candor.feedback.domain.Baseline;
import org.candor.feedback.domain.KnownIncident;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;

import io.quarkus.logging.Log;

/** Imported pre-incident scores, and each wave of an incident beside its baseline and the wave before. */
@ApplicationScoped
public class BaselineService {

    /** What a baseline holds; each score is optional, given by its counts. */
    public record Figures(UUID incidentId, String label, LocalDate measuredFrom, LocalDate measuredTo,
            Integer promoters, Integer passives, Integer detractors, Integer csatAnswers, Integer csatSatisfied,
            List<Integer> trustCounts) {
    }

    /** A stored baseline with its scores and their intervals. */
    public record Stored(UUID id, Figures figures, StatisticsService.ScoreRow scores) {
    }

    /**
     * One wave of an incident, with what changed since the baseline and since the wave before.
     *
     * @param versusBaseline null when the incident has no baseline
     * @param versusPrevious null for the first wave
     */
    public record Wave(StatisticsService.ScoreRow scores, StatisticsService.WaveComparison versusBaseline,
            StatisticsService.WaveComparison versusPrevious) {
    }

    /** An incident's waves and the baseline they are read against. */
    public record Report(UUID incidentId, Stored baseline, List<Wave> waves) {
    }

    private final StatisticsService statistics;
    private final Clock clock;

    BaselineService(StatisticsService statistics, Clock clock) {
        this.statistics = statistics;
        this.clock = clock;
    }

    /** Stores a baseline after checking it as a whole; 400 naming each field at fault, nothing stored then. */
    @Transactional
    public Stored importBaseline(Figures figures) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        if (figures.measuredTo().isBefore(figures.measuredFrom())) {
            errors.add(Problem.FieldError.field("measuredTo", "must not be before measuredFrom"));
        }
        if (figures.measuredTo().isAfter(today)) {
            errors.add(Problem.FieldError.field("measuredTo", "must not be in the future"));
        }
        if (figures.incidentId() != null) {
            KnownIncident incident = KnownIncident.findById(figures.incidentId());
            if (incident != null) {
                LocalDate detected = incident.detectedAt.atZone(ZoneOffset.UTC).toLocalDate();
                if (!figures.measuredTo().isBefore(detected)) {
                    errors.add(Problem.FieldError.field("measuredTo",
                            "must be before the incident was detected (" + detected + ")"));
                }
            }
        }
        boolean nps = figures.promoters() != null;
        boolean csat = figures.csatAnswers() != null;
        boolean trust = figures.trustCounts() != null;
        if (!nps && !csat && !trust) {
            errors.add(Problem.FieldError.field("nps", "at least one of nps, csat and trustCounts is required"));
        }
        if (nps && figures.promoters() + figures.passives() + figures.detractors() == 0) {
            errors.add(Problem.FieldError.field("nps", "must count at least one answer"));
        }
        if (csat && figures.csatAnswers() == 0) {
            errors.add(Problem.FieldError.field("csat.answers", "must be at least 1"));
        }
        if (csat && figures.csatSatisfied() > figures.csatAnswers()) {
            errors.add(Problem.FieldError.field("csat.satisfied", "must not exceed csat.answers"));
        }
        if (trust && figures.trustCounts().stream().mapToLong(Integer::longValue).sum() == 0) {
            errors.add(Problem.FieldError.field("trustCounts", "must count at least one answer"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The baseline is not consistent", errors));
        }
        Baseline baseline = new Baseline();
        baseline.id = UUID.randomUUID();
        baseline.incidentId = figures.incidentId();
        baseline.label = figures.label();
        baseline.measuredFrom = figures.measuredFrom();
        baseline.measuredTo = figures.measuredTo();
        baseline.promoters = figures.promoters();
        baseline.passives = figures.passives();
        baseline.detractors = figures.detractors();
        baseline.csatAnswers = figures.csatAnswers();
        baseline.csatSatisfied = figures.csatSatisfied();
        if (trust) {
            baseline.trust1 = figures.trustCounts().get(0);
            baseline.trust2 = figures.trustCounts().get(1);
            baseline.trust3 = figures.trustCounts().get(2);
            baseline.trust4 = figures.trustCounts().get(3);
            baseline.trust5 = figures.trustCounts().get(4);
        }
        baseline.importedAt = clock.instant();
        baseline.persist();
        Log.infof("Baseline %s imported (incident %s)", baseline.id, baseline.incidentId);
        return stored(baseline);
    }

    @Transactional
    public Optional<Stored> find(UUID id) {
        return Baseline.<Baseline>findByIdOptional(id).map(BaselineService::stored);
    }

    /** Baselines of one incident, or all, newest first. */
    @Transactional
    public List<Stored> list(UUID incidentId) {
        List<Baseline> baselines = incidentId == null ? Baseline.list("order by importedAt desc")
                : Baseline.list("incidentId = ?1 order by importedAt desc", incidentId);
        return baselines.stream().map(BaselineService::stored).toList();
    }

    /** The incident's newest baseline, else the organisation's newest. */
    @Transactional
    public Optional<Stored> forIncident(UUID incidentId) {
        Optional<Baseline> own = Baseline.find("incidentId = ?1 order by importedAt desc", incidentId).firstResultOptional();
        return own.or(() -> Baseline.find("incidentId is null order by importedAt desc").firstResultOptional())
                .map(BaselineService::stored);
    }

    /** Each wave of the incident beside its baseline and the wave before, with the verdict of each difference. */
    public Report report(UUID incidentId) {
        Optional<Stored> baseline = forIncident(incidentId);
        List<StatisticsService.ScoreRow> waves = statistics.trustTrend(incidentId);
        List<Wave> rows = new ArrayList<>();
        for (int i = 0; i < waves.size(); i++) {
            StatisticsService.ScoreRow wave = waves.get(i);
            rows.add(new Wave(wave,
                    baseline.map(b -> StatisticsService.WaveComparison.of(b.scores(), wave)).orElse(null),
                    i == 0 ? null : StatisticsService.WaveComparison.of(waves.get(i - 1), wave)));
        }
        return new Report(incidentId, baseline.orElse(null), rows);
    }

    private static Stored stored(Baseline baseline) {
        long[] nps = baseline.npsCounts();
        long[] csat = baseline.csatCounts();
        long[] trust = baseline.trustCounts();
        long responses = Math.max(NpsMath.total(nps), Math.max(NpsMath.total(csat), NpsMath.total(trust)));
        return new Stored(baseline.id, new Figures(baseline.incidentId, baseline.label, baseline.measuredFrom,
                baseline.measuredTo, baseline.promoters, baseline.passives, baseline.detractors, baseline.csatAnswers,
                baseline.csatSatisfied, baseline.trust1 == null ? null
                        : List.of(baseline.trust1, baseline.trust2, baseline.trust3, baseline.trust4, baseline.trust5)),
                StatisticsService.ScoreRow.of("baseline", null, responses, nps, csat, trust));
    }
}
