package org.candor.feedback.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.candor.feedback.service.BaselineService;
import org.candor.feedback.service.StatisticsService;
import org.candor.platform.rest.Problem;
import org.candor.platform.rest.ProblemException;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the answers tell, per survey, incident, wave, segment (segment, country, locale, channel)
 * and day or week: JSON, or CSV with {@code Accept: text/csv}.
 */
@Path("/api/statistics")
@Tag(name = "Statistics")
@RolesAllowed({Roles.ANALYST})
public class StatisticsResource {

    static final String CSV = "text/csv";

    private final StatisticsService statistics;
    private final BaselineService baselines;

    StatisticsResource(StatisticsService statistics, BaselineService baselines) {
        this.statistics = statistics;
        this.baselines = baselines;
    }

    /** NPS with promoters, passives, detractors and 95% interval; CSAT share satisfied; mean trust. */
    @GET
    @Path("/scores")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ScoreRowView> scores(@BeanParam StatisticsQuery query) {
        StatisticsQuery.Parsed parsed = query.parse();
        return statistics.scores(parsed.filter(), parsed.groupBy(), parsed.bucket()).stream().map(ScoreRowView::of)
                .toList();
    }

    @GET
    @Path("/scores")
    @Produces(CSV)
    public String scoresCsv(@BeanParam StatisticsQuery query) {
        return Csv.write(ScoreRowView.CSV_COLUMNS, scores(query).stream().map(ScoreRowView::csvRow).toList());
    }

    /** Invited, opened and answered, by the day or week of the invitation. */
    @GET
    @Path("/response-rates")
    @Produces(MediaType.APPLICATION_JSON)
    public List<RateRowView> responseRates(@BeanParam StatisticsQuery query) {
        StatisticsQuery.Parsed parsed = query.parse();
        return statistics.responseRates(parsed.filter(), parsed.groupBy(), parsed.bucket()).stream()
                .map(RateRowView::of).toList();
    }

    @GET
    @Path("/response-rates")
    @Produces(CSV)
    public String responseRatesCsv(@BeanParam StatisticsQuery query) {
        return Csv.write(RateRowView.CSV_COLUMNS, responseRates(query).stream().map(RateRowView::csvRow).toList());
    }

    /**
     * Two waves (of the survey or incident filtered on) side by side: each score's difference with its 95%
     * interval, and whether it {@code CHANGED} or is {@code NOT_DISTINGUISHABLE} from chance.
     */
    @GET
    @Path("/wave-comparison")
    @Produces(MediaType.APPLICATION_JSON)
    public WaveComparisonView waveComparison(@BeanParam StatisticsQuery query,
            @QueryParam("earlierWave") String earlierWave, @QueryParam("laterWave") String laterWave) {
        List<Problem.FieldError> errors = new ArrayList<>();
        StatisticsQuery.Parsed parsed = query.parse(errors);
        Integer earlier = StatisticsQuery.wave("earlierWave", earlierWave, true, errors);
        Integer later = StatisticsQuery.wave("laterWave", laterWave, true, errors);
        if (earlier != null && earlier.equals(later)) {
            errors.add(Problem.FieldError.field("laterWave", "must differ from earlierWave"));
        }
        if (query.wave != null && !query.wave.isBlank()) {
            errors.add(Problem.FieldError.field("wave", "is not used here: give earlierWave and laterWave"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The query has invalid parameters", errors));
        }
        return WaveComparisonView.of(statistics.compareWaves(parsed.filter(), earlier, later));
    }

    /**
     * Each wave of an incident beside its pre-incident baseline and the wave before, with every score's
     * difference, interval and verdict.
     */
    @GET
    @Path("/waves")
    @Produces(MediaType.APPLICATION_JSON)
    public WaveReportView waves(@QueryParam("incidentId") String incidentId) {
        return WaveReportView.of(baselines.report(requiredIncident(incidentId)));
    }

    private static UUID requiredIncident(String incidentId) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID incident = StatisticsQuery.uuid("incidentId", incidentId, errors);
        if (incident == null && errors.isEmpty()) {
            errors.add(Problem.FieldError.field("incidentId", "is required"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.invalid("The query has invalid parameters", errors));
        }
        return incident;
    }

    /** Trust and NPS of an incident's surveys per wave: is trust coming back? */
    @GET
    @Path("/trust-trend")
    @Produces(MediaType.APPLICATION_JSON)
    public List<ScoreRowView> trustTrend(@QueryParam("incidentId") String incidentId) {
        return statistics.trustTrend(requiredIncident(incidentId)).stream().map(ScoreRowView::of).toList();
    }

    /** The most frequent words in free-text answers of one language, without stop words. */
    @GET
    @Path("/themes")
    @Produces(MediaType.APPLICATION_JSON)
    public List<StatisticsService.Theme> themes(@BeanParam StatisticsQuery query,
            @QueryParam("locale") @NotNull @Pattern(regexp = "de|en", message = "must be de or en") String locale,
            @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(100) int limit) {
        return statistics.themes(query.parse().filter(), locale, limit);
    }
}
