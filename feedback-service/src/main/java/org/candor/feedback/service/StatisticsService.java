package org.candor.feedback.service;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.candor.feedback.config.FeedbackConfig;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.TemplateData;

/**
 * What the answers tell: NPS with its interval, CSAT, trust, response rates, the trust trend across
 * waves and free-text themes. Scores come from the per-day rollup, never from scanning responses.
 */
@ApplicationScoped
public class StatisticsService {

    /** Stands for "no incident" in the rollup's key. */
    public static final UUID NO_INCIDENT = new UUID(0, 0);

    /** What rows are grouped by. */
    public enum Dimension {
        NONE("'all'", "'all'", false),
        SURVEY("cast(survey_id as varchar)", "cast(survey_id as varchar)", false),
        INCIDENT("cast(incident_id as varchar)", "coalesce(cast(incident_id as varchar), '" + NO_INCIDENT + "')", false),
        WAVE("cast(wave as varchar)", "cast(wave as varchar)", false),
        SEGMENT("segment", "segment", true),
        COUNTRY("country", "country", true),
        LOCALE("locale", "locale", true),
        CHANNEL("channel", "channel", true);

        final String rollupColumn;
        final String invitationColumn;
        /** Groups by a property of people, so that a small group's scores are withheld. */
        final boolean describesPeople;

        Dimension(String rollupColumn, String invitationColumn, boolean describesPeople) {
            this.rollupColumn = rollupColumn;
            this.invitationColumn = invitationColumn;
            this.describesPeople = describesPeople;
        }
    }

    /** Time buckets. */
    public enum Bucket { NONE, DAY, WEEK }

    /** Which responses count; null means any. {@code from} and {@code to} are inclusive days (UTC). */
    public record Filter(UUID surveyId, UUID incidentId, Integer wave, LocalDate from, LocalDate to) {
    }

    /**
     * One row of scores.
     *
     * @param bucket the first day of the bucket, or null without buckets
     * @param npsDistribution answers per NPS score 0–10
     * @param csatCounts answers per CSAT score 1–5
     * @param csat percent of CSAT answers that are 4 or 5, with its interval
     * @param trustCounts answers per trust score 1–5
     * @param trust mean trust with its interval
     * @param suppressed the group has fewer responses than the smallest group shown: its scores are withheld
     */
    public record ScoreRow(String group, LocalDate bucket, long responses, NpsMath.Nps nps, long[] npsDistribution,
            long[] csatCounts, NpsMath.Share csat, long[] trustCounts, NpsMath.Mean trust, boolean suppressed) {

        static ScoreRow of(String group, LocalDate bucket, long responses, long[] nps, long[] csat, long[] trust) {
            return new ScoreRow(group, bucket, responses, NpsMath.nps(nps), nps, csat, NpsMath.csat(csat), trust,
                    NpsMath.trust(trust), false);
        }

        /** The row of a group too small to show: how many answered, nothing of what they answered. */
        ScoreRow withheld() {
            ScoreRow empty = of(group, bucket, responses, new long[11], new long[5], new long[5]);
            return new ScoreRow(group, bucket, responses, empty.nps, empty.npsDistribution, empty.csatCounts,
                    empty.csat, empty.trustCounts, empty.trust, true);
        }

        public long csatAnswers() {
            return csat.n();
        }

        public Double csatShare() {
            return csat.share();
        }

        public long trustAnswers() {
            return trust.n();
        }

        public Double trustMean() {
            return trust.mean();
        }
    }

    /**
     * Two waves side by side and what changed from the earlier to the later one.
     *
     * @param nps NPS points later minus earlier, with the interval of that difference
     * @param csat percentage points of CSAT satisfied, later minus earlier
     * @param trust trust points (1–5 scale), later minus earlier
     */
    public record WaveComparison(ScoreRow earlier, ScoreRow later, NpsMath.Difference nps, NpsMath.Difference csat,
            NpsMath.Difference trust) {

        static WaveComparison of(ScoreRow earlier, ScoreRow later) {
            return new WaveComparison(earlier, later,
                    NpsMath.npsDifference(earlier.npsDistribution(), later.npsDistribution()),
                    NpsMath.csatDifference(earlier.csatCounts(), later.csatCounts()),
                    NpsMath.trustDifference(earlier.trustCounts(), later.trustCounts()));
        }
    }

    /**
     * Invited, what became of the invitations' deliveries, opened and answered, and the shares answered.
     *
     * @param delivered invitations that reached someone: a delivery a provider accepted and did not bounce, or
     *     the link was opened
     * @param bounced not delivered, and at least one delivery bounced
     * @param notReached not delivered, none bounced, and at least one delivery failed for good
     * @param awaitingOutcome no outcome known yet
     * @param responseRate percent of invited that answered
     * @param deliveredResponseRate percent of delivered that answered; null when none is known delivered
     */
    public record RateRow(String group, LocalDate bucket, long invited, long delivered, long bounced,
            long notReached, long awaitingOutcome, long opened, long answered, Double responseRate,
            Double deliveredResponseRate) {
    }

    /** An invitation reached someone: a delivery stayed accepted, or the link was used. */
    private static final String REACHED = "(delivered_count > bounced_count or opened_at is not null"
            + " or answered_at is not null)";

    /**
     * An incident at a glance, over all its surveys and waves; no personal data.
     *
     * @param trustMean mean trust 1–5, null without trust answers
     * @param nps NPS −100..100, null without NPS answers
     * @param responseRate answered / invited (0..1), null when nobody was invited
     * @param latestWave the highest wave anyone was invited to, null when none
     */
    public record IncidentSummary(long responses, Double trustMean, Double nps, Double responseRate,
            Integer latestWave) {
    }

    /** A word and how many responses used it. */
    @TemplateData
    public record Theme(String word, long responses) {
    }

    private static final Set<String> STOP_WORDS_EN = Set.of("a", "about", "all", "also", "am", "an", "and", "any",
            "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had",
            "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "me", "more",
            "my", "no", "not", "of", "on", "or", "our", "out", "she", "so", "some", "than", "that", "the", "their",
            "them", "then", "there", "these", "they", "this", "to", "too", "us", "very", "was", "we", "were", "what",
            "when", "which", "who", "will", "with", "would", "you", "your");
    private static final Set<String> STOP_WORDS_DE = Set.of("aber", "alle", "als", "also", "am", "an", "auch", "auf",
            "aus", "bei", "bin", "bis", "da", "das", "dass", "dem", "den", "der", "des", "die", "doch", "du", "ein",
            "eine", "einem", "einen", "einer", "es", "für", "hat", "hatte", "habe", "haben", "ich", "ihr", "ihre",
            "im", "in", "ist", "ja", "kein", "keine", "man", "mein", "meine", "mich", "mir", "mit", "nach", "nicht",
            "noch", "nur", "oder", "schon", "sehr", "sich", "sie", "sind", "so", "über", "um", "und", "uns", "unser",
            "von", "vor", "war", "waren", "was", "wenn", "wie", "wir", "wird", "zu", "zum", "zur");
    private static final TypeReference<Map<String, List<String>>> ANSWERS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final FeedbackConfig config;
    private final RollupService rollups;
    private final ObjectMapper json;

    StatisticsService(EntityManager entityManager, RollupService rollups, ObjectMapper json, FeedbackConfig config) {
        this.config = config;
        this.entityManager = entityManager;
        this.rollups = rollups;
        this.json = json;
    }

    /** Scores from the rollup, after counting every response submitted so far. */
    public List<ScoreRow> scores(Filter filter, Dimension groupBy, Bucket bucket) {
        rollups.foldPending();
        return QuarkusTransaction.joiningExisting().call(() -> rollupScores(filter, groupBy, bucket));
    }

    private List<ScoreRow> rollupScores(Filter filter, Dimension groupBy, Bucket bucket) {
        String bucketExpression = switch (bucket) {
            case NONE -> "cast(null as date)";
            case DAY -> "day";
            case WEEK -> "cast(date_trunc('week', day) as date)";
        };
        StringBuilder sql = new StringBuilder("select ").append(groupBy.rollupColumn).append(", ")
                .append(bucketExpression).append(", sum(responses)");
        appendSums(sql, "nps_counts", 11);
        appendSums(sql, "csat_counts", 5);
        appendSums(sql, "trust_counts", 5);
        sql.append(" from response_rollup where true");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.surveyId() != null) {
            sql.append(" and survey_id = :survey");
            parameters.put("survey", filter.surveyId());
        }
        if (filter.incidentId() != null) {
            sql.append(" and incident_id = :incident");
            parameters.put("incident", filter.incidentId());
        }
        if (filter.wave() != null) {
            sql.append(" and wave = :wave");
            parameters.put("wave", filter.wave());
        }
        if (filter.from() != null) {
            sql.append(" and day >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and day <= :to");
            parameters.put("to", filter.to());
        }
        sql.append(" group by 1, 2 order by 2 nulls first, 1");
        Query query = entityManager.createNativeQuery(sql.toString());
        parameters.forEach(query::setParameter);
        List<ScoreRow> rows = new ArrayList<>();
        for (Object result : query.getResultList()) {
            Object[] row = (Object[]) result;
            long[] nps = longs(row, 3, 11);
            long[] csat = longs(row, 14, 5);
            long[] trust = longs(row, 19, 5);
            ScoreRow scores = ScoreRow.of(String.valueOf(row[0]), toDate(row[1]), ((Number) row[2]).longValue(),
                    nps, csat, trust);
            rows.add(groupBy.describesPeople && scores.responses() < config.minGroupSize() ? scores.withheld() : scores);
        }
        return rows;
    }

    /** Invited, opened, answered, bucketed by the day of the invitation. */
    @Transactional
    public List<RateRow> responseRates(Filter filter, Dimension groupBy, Bucket bucket) {
        String day = "cast(invited_at at time zone 'UTC' as date)";
        String bucketExpression = switch (bucket) {
            case NONE -> "cast(null as date)";
            case DAY -> day;
            case WEEK -> "cast(date_trunc('week', " + day + ") as date)";
        };
        StringBuilder sql = new StringBuilder("select ").append(groupBy.invitationColumn).append(", ")
                .append(bucketExpression)
                .append(", count(*), count(opened_at), count(answered_at)")
                .append(", count(*) filter (where ").append(REACHED).append(")")
                .append(", count(*) filter (where not ").append(REACHED).append(" and bounced_count > 0)")
                .append(", count(*) filter (where not ").append(REACHED)
                .append(" and bounced_count = 0 and failed_count > 0)")
                .append(" from invitation where true");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.surveyId() != null) {
            sql.append(" and survey_id = :survey");
            parameters.put("survey", filter.surveyId());
        }
        if (filter.incidentId() != null) {
            sql.append(" and incident_id = :incident");
            parameters.put("incident", filter.incidentId());
        }
        if (filter.wave() != null) {
            sql.append(" and wave = :wave");
            parameters.put("wave", filter.wave());
        }
        if (filter.from() != null) {
            sql.append(" and ").append(day).append(" >= :from");
            parameters.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and ").append(day).append(" <= :to");
            parameters.put("to", filter.to());
        }
        sql.append(" group by 1, 2 order by 2 nulls first, 1");
        Query query = entityManager.createNativeQuery(sql.toString());
        parameters.forEach(query::setParameter);
        List<RateRow> rows = new ArrayList<>();
        for (Object result : query.getResultList()) {
            Object[] row = (Object[]) result;
            long invited = ((Number) row[2]).longValue();
            long answered = ((Number) row[4]).longValue();
            long delivered = ((Number) row[5]).longValue();
            long bounced = ((Number) row[6]).longValue();
            long notReached = ((Number) row[7]).longValue();
            rows.add(new RateRow(String.valueOf(row[0]), toDate(row[1]), invited, delivered, bounced, notReached,
                    invited - delivered - bounced - notReached, ((Number) row[3]).longValue(), answered,
                    invited == 0 ? null : NpsMath.round(100.0 * answered / invited),
                    delivered == 0 ? null : NpsMath.round(100.0 * answered / delivered)));
        }
        return rows;
    }

    /** The most frequent words of free-text answers in one language, stop words left out. */
    @Transactional
    public List<Theme> themes(Filter filter, String locale, int limit) {
        StringBuilder sql = new StringBuilder("""
                select r.answers, (select string_agg(q->>'id', ',') from survey_version v,
                        jsonb_array_elements(v.definition->'questions') q
                    where v.survey_id = r.survey_id and v.version = r.survey_version and q->>'type' = 'FREE_TEXT')
                from survey_response r where r.submitted_at is not null and r.locale = :locale""");
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("locale", locale);
        if (filter.surveyId() != null) {
            sql.append(" and r.survey_id = :survey");
            parameters.put("survey", filter.surveyId());
        }
        if (filter.incidentId() != null) {
            sql.append(" and r.incident_id = :incident");
            parameters.put("incident", filter.incidentId());
        }
        if (filter.wave() != null) {
            sql.append(" and r.wave = :wave");
            parameters.put("wave", filter.wave());
        }
        sql.append(" order by r.submitted_at desc limit 20000");
        Query query = entityManager.createNativeQuery(sql.toString());
        parameters.forEach(query::setParameter);
        Set<String> stopWords = "de".equals(locale) ? STOP_WORDS_DE : STOP_WORDS_EN;
        Map<String, Long> counts = new HashMap<>();
        for (Object result : query.getResultList()) {
            Object[] row = (Object[]) result;
            if (row[1] == null) {
                continue;
            }
            Map<String, List<String>> answers = readAnswers(String.valueOf(row[0]));
            Set<String> words = new java.util.HashSet<>();
            for (String questionId : String.valueOf(row[1]).split(",")) {
                for (String text : answers.getOrDefault(questionId, List.of())) {
                    for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                        if (word.length() > 2 && !stopWords.contains(word)) {
                            words.add(word);
                        }
                    }
                }
            }
            words.forEach(word -> counts.merge(word, 1L, Long::sum));
        }
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(entry -> new Theme(entry.getKey(), entry.getValue()))
                .toList();
    }

    /**
     * The scores of two waves (within the filter's survey or incident) and whether each score changed
     * between them beyond chance.
     */
    public WaveComparison compareWaves(Filter filter, int earlierWave, int laterWave) {
        return WaveComparison.of(total(filter, earlierWave), total(filter, laterWave));
    }

    private ScoreRow total(Filter filter, int wave) {
        Filter ofWave = new Filter(filter.surveyId(), filter.incidentId(), wave, filter.from(), filter.to());
        List<ScoreRow> rows = scores(ofWave, Dimension.NONE, Bucket.NONE);
        return rows.isEmpty() ? ScoreRow.of(String.valueOf(wave), null, 0, new long[11], new long[5], new long[5])
                : ScoreRow.of(String.valueOf(wave), null, rows.get(0).responses(), rows.get(0).npsDistribution(),
                        rows.get(0).csatCounts(), rows.get(0).trustCounts());
    }

    /** Per wave of an incident's surveys: how trust and NPS move. */
    @Transactional
    public List<ScoreRow> trustTrend(UUID incidentId) {
        return scores(new Filter(null, incidentId, null, null, null), Dimension.WAVE, Bucket.NONE).stream()
                .sorted((a, b) -> Integer.compare(Integer.parseInt(a.group()), Integer.parseInt(b.group())))
                .toList();
    }

    /** Scores, response rate and latest wave of one incident; zeros and nulls for an incident never seen. */
    @Transactional
    public IncidentSummary incidentSummary(UUID incidentId) {
        Filter filter = new Filter(null, incidentId, null, null, null);
        List<ScoreRow> scores = scores(filter, Dimension.NONE, Bucket.NONE);
        List<RateRow> rates = responseRates(filter, Dimension.NONE, Bucket.NONE);
        Object latestWave = entityManager.createNativeQuery("select max(wave) from invitation where incident_id = :i")
                .setParameter("i", incidentId).getSingleResult();
        ScoreRow score = scores.isEmpty() ? null : scores.get(0);
        RateRow rate = rates.isEmpty() ? null : rates.get(0);
        return new IncidentSummary(score == null ? 0 : score.responses(), score == null ? null : score.trustMean(),
                score == null ? null : score.nps().score(),
                rate == null || rate.invited() == 0 ? null
                        : Math.round(10_000.0 * rate.answered() / rate.invited()) / 10_000.0,
                latestWave == null ? null : ((Number) latestWave).intValue());
    }

    private static void appendSums(StringBuilder sql, String column, int size) {
        sql.append(IntStream.rangeClosed(1, size).mapToObj(i -> ", sum(" + column + "[" + i + "])")
                .collect(Collectors.joining()));
    }

    private static long[] longs(Object[] row, int from, int size) {
        long[] values = new long[size];
        for (int i = 0; i < size; i++) {
            values[i] = row[from + i] == null ? 0 : ((Number) row[from + i]).longValue();
        }
        return values;
    }

    private static LocalDate toDate(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        return ((Date) value).toLocalDate();
    }

    private Map<String, List<String>> readAnswers(String answers) {
        try {
            return new LinkedHashMap<>(json.readValue(answers, ANSWERS));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored answers cannot be read", e);
        }
    }

    static String describe(long[] counts) {
        return Arrays.toString(counts);
    }
}
