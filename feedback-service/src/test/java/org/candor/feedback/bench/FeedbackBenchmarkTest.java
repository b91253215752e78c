package org.candor.feedback.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import javax.sql.DataSource;

import org.candor.feedback.Fixtures;
import org.candor.feedback.service.SurveyTokens;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The committed figures: with 1,000,000 stored responses, NPS by segment and week under 200 ms, and
 * submitting a response with p99 under 50 ms at 200 requests/s. Each is measured next to a trivial
 * endpoint of the same application in the same run. Not part of {@code verify}: run {@code bench/run}.
 */
@Tag("bench")
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class FeedbackBenchmarkTest {

    private static final int RESPONSES = Integer.getInteger("bench.responses", 1_000_000);
    private static final int RATE = Integer.getInteger("bench.rate", 200);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    private static final int SEQUENTIAL = 200;
    /**
     * Seconds at the target rate before each measured run, not counted: as long as the run, so that its
     * code is compiled and its pools are warm, as in a service that has been up for a while.
     */
    private static final int WARM_UP = SECONDS;

    @TestHTTPResource("/")
    URL base;
    @Inject
    EntityManager entityManager;
    @Inject
    SurveyTokens tokens;
    @Inject
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void npsBySegmentAndWeekAndSubmissionUnderLoad() throws Exception {
        UUID survey = Fixtures.createSurvey("TRUST", true);
        long seedStart = System.nanoTime();
        seed(survey);
        System.out.printf(Locale.ROOT, "[bench] seeded %,d responses in %.1f s%n", RESPONSES,
                (System.nanoTime() - seedStart) / 1e9);
        String token = CandorTestResource.token(Roles.ANALYST);

        String query = url("/api/statistics/scores?surveyId=" + survey + "&groupBy=segment&bucket=week");
        Stats baselineRead = sequential(url("/bench/baseline"), token, 300);
        Stats statistics = sequential(query, token, 300);
        HttpResponse<String> sample = http.send(get(query, token), HttpResponse.BodyHandlers.ofString());
        assertThat(sample.statusCode()).isEqualTo(200);
        assertThat(sample.body()).contains("\"group\":\"retail\"");
        System.out.println("[bench] trivial authenticated GET          " + baselineRead);
        System.out.println("[bench] NPS by segment and week (1M)       " + statistics);

        List<String> links = invitations(survey, RATE * (SECONDS + WARM_UP) + SEQUENTIAL);
        Stats oneAtATime = sequentialPosts(i -> url(links.get(RATE * (SECONDS + WARM_UP) + i)), SEQUENTIAL);
        Stats baselineSubmit = openLoop(i -> url("/bench/baseline"), RATE, SECONDS);
        Stats submit = openLoop(i -> url(links.get(i)), RATE, SECONDS);
        System.out.println("[bench] survey submission, one at a time      " + oneAtATime);
        System.out.println("[bench] trivial form POST at " + RATE + "/s          " + baselineSubmit);
        System.out.println("[bench] survey submission at " + RATE + "/s          " + submit);
        System.out.printf(Locale.ROOT, "[bench] ratios: statistics p50 %.1fx trivial GET; submission p99 %.1fx trivial POST%n",
                statistics.p50 / baselineRead.p50, submit.p99 / baselineSubmit.p99);
        long answered = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("select count(*) from survey_response where survey_id = :s")
                .setParameter("s", survey).getSingleResult()).longValue());
        assertThat(answered).isEqualTo(RESPONSES + (long) RATE * (SECONDS + WARM_UP) + SEQUENTIAL);
        assertThat(statistics.p50).as("NPS by segment and week, median ms").isLessThan(200);
        assertThat(submit.p99).as("submission p99 ms").isLessThan(50);
    }

    /** Invitations and submitted responses over 26 weeks, and the rollup built from them. */
    private void seed(UUID survey) throws SQLException {
        QuarkusTransaction.requiringNew().timeout(1800).run(() -> {
            entityManager.createNativeQuery("""
                    insert into invitation (id, survey_id, survey_version, customer_id, incident_id, wave, trigger,
                        locale, country, segment, channel, invited_at, expires_at, opened_at, answered_at)
                    select md5('bench' || g)::uuid, :survey, 1, null, null, 1, 'CAMPAIGN',
                        case when g % 3 = 0 then 'en' else 'de' end,
                        (array['DE','AT','CH','FR','GB'])[1 + g % 5],
                        (array['retail','business','premium','public-sector'])[1 + g % 4],
                        (array['CAMPAIGN','HOTLINE','CHAT','EMAIL'])[1 + g % 4],
                        now() - make_interval(secs => g * 15.7), now() + interval '14 days',
                        now() - make_interval(secs => g * 15.7), now() - make_interval(secs => g * 15.7)
                    from generate_series(1, :n) g""")
                    .setParameter("survey", survey).setParameter("n", RESPONSES).executeUpdate();
            entityManager.createNativeQuery("""
                    insert into survey_response (id, invitation_id, survey_id, survey_version, incident_id, wave,
                        locale, country, segment, channel, nps, csat, trust, contact_consent, answers, started_at,
                        submitted_at)
                    select gen_random_uuid(), i.id, i.survey_id, 1, null, 1, i.locale, i.country, i.segment, i.channel,
                        (abs(hashtext(i.id::text)) % 11)::smallint, null, (1 + abs(hashtext(i.id::text || 't')) % 5)::smallint,
                        false, jsonb_build_object('nps', jsonb_build_array((abs(hashtext(i.id::text)) % 11)::text)),
                        i.answered_at, i.answered_at
                    from invitation i where i.survey_id = :survey""")
                    .setParameter("survey", survey).executeUpdate();
            StringBuilder rollup = new StringBuilder("""
                    insert into response_rollup (survey_id, incident_id, wave, day, locale, country, segment, channel,
                        responses, nps_counts, csat_counts, trust_counts)
                    select survey_id, cast('00000000-0000-0000-0000-000000000000' as uuid), wave,
                        cast(submitted_at at time zone 'UTC' as date), locale, country, segment, channel, count(*), array[""");
            for (int score = 0; score <= 10; score++) {
                rollup.append(score == 0 ? "" : ", ").append("count(*) filter (where nps = ").append(score).append(")::int");
            }
            rollup.append("], array[0,0,0,0,0], array[");
            for (int score = 1; score <= 5; score++) {
                rollup.append(score == 1 ? "" : ", ").append("count(*) filter (where trust = ").append(score).append(")::int");
            }
            rollup.append("] from survey_response where survey_id = :survey group by 1, 2, 3, 4, 5, 6, 7, 8");
            entityManager.createNativeQuery(rollup.toString()).setParameter("survey", survey).executeUpdate();
        });
        // A database that gathered its responses over 26 weeks has long been vacuumed and checkpointed; the
        // bulk load is brought to that state before anything is measured.
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) invitation, survey_response, response_rollup");
            statement.execute("analyze");
            statement.execute("checkpoint");
        }
    }

    /** Open, unanswered invitations to the survey, and their links. */
    private List<String> invitations(UUID survey, int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        Instant expires = Instant.now().plus(Duration.ofDays(14));
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                insert into invitation (id, survey_id, survey_version, customer_id, incident_id, wave, trigger, locale,
                    country, segment, channel, invited_at, expires_at)
                select id, :survey, 1, null, null, 1, 'CAMPAIGN', 'de', 'DE', 'retail', 'CAMPAIGN', now(), :expires
                from unnest(cast(:ids as uuid[])) id""")
                .setParameter("survey", survey)
                .setParameter("expires", expires)
                .setParameter("ids", ids.stream().map(UUID::toString).toList().toString()
                        .replace("[", "{").replace("]", "}").replace(" ", ""))
                .executeUpdate());
        return ids.stream().map(id -> "/survey/" + tokens.issue(id, expires)).toList();
    }

    private Stats sequential(String url, String token, int count) throws Exception {
        for (int i = 0; i < 30; i++) {
            http.send(get(url, token), HttpResponse.BodyHandlers.discarding());
        }
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(get(url, token), HttpResponse.BodyHandlers.discarding());
            millis[i] = (System.nanoTime() - start) / 1e6;
            assertThat(response.statusCode()).isEqualTo(200);
        }
        return Stats.of(millis, 0);
    }

    /**
     * Sends at a fixed rate whatever the answers take (no coordinated omission): each latency runs
     * from the moment its request was due.
     */
    private Stats openLoop(java.util.function.IntFunction<String> url, int rate, int seconds) {
        int total = rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        // Warm-up at the same rate, not counted.
        run(url, rate * WARM_UP, interval, 0);
        return run(url, total, interval, rate * WARM_UP);
    }

    private Stats run(java.util.function.IntFunction<String> url, int count, long interval, int offset) {
        double[] millis = new double[count];
        int[] failures = new int[1];
        List<CompletableFuture<?>> pending = new ArrayList<>(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            HttpRequest request = post(url.apply(offset + i));
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                millis[index] = (System.nanoTime() - due) / 1e6;
                if (error != null || response.statusCode() != 200) {
                    synchronized (failures) {
                        failures[0]++;
                    }
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return Stats.of(millis, failures[0]);
    }

    private Stats sequentialPosts(java.util.function.IntFunction<String> url, int count) throws Exception {
        double[] millis = new double[count];
        int failures = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> response = http.send(post(url.apply(i)), HttpResponse.BodyHandlers.discarding());
            millis[i] = (System.nanoTime() - start) / 1e6;
            failures += response.statusCode() == 200 ? 0 : 1;
        }
        return Stats.of(millis, failures);
    }

    private static HttpRequest post(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q.nps=9&q.trust=4&action=submit"))
                .build();
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET().build();
    }

    private String url(String path) {
        return base.toString().replaceAll("/$", "") + path;
    }

    record Stats(int count, double p50, double p95, double p99, double max, int failures) {

        static Stats of(double[] millis, int failures) {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            return new Stats(sorted.length, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                    sorted[sorted.length - 1], failures);
        }

        private static double at(double[] sorted, double quantile) {
            return sorted[(int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms failures=%d",
                    count, p50, p95, p99, max, failures);
        }
    }
}
