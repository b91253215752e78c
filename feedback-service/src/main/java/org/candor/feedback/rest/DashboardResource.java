package org.candor.feedback.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.candor.feedback.service.StatisticsService;
import org.candor.platform.security.Roles;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * The analysts' page: the trust trend as a line, the NPS distribution as bars, the figures per
 * segment. Server-rendered SVG; nothing is loaded from elsewhere and no script runs.
 */
@Path("/dashboard")
@Tag(name = "Dashboard")
@RolesAllowed({Roles.ANALYST})
public class DashboardResource {

    private static final Map<String, Map<String, String>> TEXTS = Map.of(
            "en", Map.ofEntries(Map.entry("lang", "en"), Map.entry("title", "Is trust coming back?"),
                    Map.entry("responses", "Responses"), Map.entry("nps", "NPS"),
                    Map.entry("interval", "95% interval"), Map.entry("csat", "Satisfied (CSAT 4–5)"),
                    Map.entry("trust", "Mean trust (1–5)"), Map.entry("rate", "Response rate"),
                    Map.entry("trend", "Trust trend"), Map.entry("distribution", "NPS distribution"),
                    Map.entry("bySegment", "By customer segment"), Map.entry("segment", "Segment"),
                    Map.entry("themes", "Frequent words in comments"), Map.entry("none", "No answers yet"),
                    Map.entry("wave", "Wave"),
                    Map.entry("withheld", "Too few answers to show without telling people apart"),
                    Map.entry("otherLang", "de"), Map.entry("otherLanguage", "Deutsch")),
            "de", Map.ofEntries(Map.entry("lang", "de"), Map.entry("title", "Kommt das Vertrauen zurück?"),
                    Map.entry("responses", "Antworten"), Map.entry("nps", "NPS"),
                    Map.entry("interval", "95-%-Intervall"), Map.entry("csat", "Zufrieden (CSAT 4–5)"),
                    Map.entry("trust", "Mittleres Vertrauen (1–5)"), Map.entry("rate", "Rücklaufquote"),
                    Map.entry("trend", "Vertrauensverlauf"), Map.entry("distribution", "NPS-Verteilung"),
                    Map.entry("bySegment", "Nach Kundensegment"), Map.entry("segment", "Segment"),
                    Map.entry("themes", "Häufige Wörter in Kommentaren"), Map.entry("none", "Noch keine Antworten"),
                    Map.entry("wave", "Welle"),
                    Map.entry("withheld", "Zu wenige Antworten, um sie zu zeigen, ohne Einzelne erkennbar zu machen"),
                    Map.entry("otherLang", "en"), Map.entry("otherLanguage", "English")));

    private final StatisticsService statistics;
    private final Template dashboard;

    DashboardResource(StatisticsService statistics, @Location("dashboard.html") Template dashboard) {
        this.statistics = statistics;
        this.dashboard = dashboard;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page(@BeanParam StatisticsQuery query, @QueryParam("lang") String lang, @Context HttpHeaders headers) {
        String language = FormTexts.choose(lang, null, headers.getAcceptableLanguages());
        Map<String, String> t = TEXTS.get(language);
        StatisticsQuery.Parsed parsed = query.parse();
        StatisticsService.Filter filter = parsed.filter();
        List<StatisticsService.ScoreRow> overall = statistics.scores(filter, StatisticsService.Dimension.NONE,
                StatisticsService.Bucket.NONE);
        StatisticsService.ScoreRow total = overall.isEmpty() ? null : overall.get(0);
        List<StatisticsService.RateRow> rates = statistics.responseRates(filter, StatisticsService.Dimension.NONE,
                StatisticsService.Bucket.NONE);
        List<SvgCharts.Point> trend = new ArrayList<>();
        if (filter.incidentId() != null) {
            for (StatisticsService.ScoreRow wave : statistics.trustTrend(filter.incidentId())) {
                trend.add(new SvgCharts.Point(t.get("wave") + " " + wave.group(), wave.trustMean()));
            }
        } else {
            for (StatisticsService.ScoreRow week : statistics.scores(filter, StatisticsService.Dimension.NONE,
                    StatisticsService.Bucket.WEEK)) {
                trend.add(new SvgCharts.Point(week.bucket().toString(), week.trustMean()));
            }
        }
        List<ScoreRowView> segments = statistics.scores(filter, StatisticsService.Dimension.SEGMENT,
                StatisticsService.Bucket.NONE).stream().map(ScoreRowView::of).toList();
        String other = "/dashboard?lang=" + t.get("otherLang")
                + (filter.surveyId() == null ? "" : "&surveyId=" + filter.surveyId())
                + (filter.incidentId() == null ? "" : "&incidentId=" + filter.incidentId());
        return dashboard
                .data("t", t)
                .data("total", total == null ? null : ScoreRowView.of(total))
                .data("rate", rates.isEmpty() ? null : RateRowView.of(rates.get(0)))
                .data("trendSvg", SvgCharts.line("trust-trend", t.get("trend"), trend, 1, 5))
                .data("npsSvg", SvgCharts.npsBars("nps-distribution", t.get("distribution"),
                        total == null ? new long[11] : total.npsDistribution()))
                .data("segments", segments)
                .data("themes", statistics.themes(filter, language, 10))
                .data("otherLanguageLink", other)
                .render();
    }
}
