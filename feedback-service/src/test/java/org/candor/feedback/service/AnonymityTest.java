package org.candor.feedback.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.contracts.Topics;
import org.candor.feedback.Fixtures;
import org.candor.feedback.OutboxDrain;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestKafka;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An anonymous survey stays anonymous in the database: someone with nothing but SQL access tries every join
 * that could tie an answer to a person, and none works. Small groups are not shown in breakdowns.
 */
@QuarkusTest
@TestProfile(AnonymityTest.ProductionOutboxRetention.class)
@WithTestResource(CandorTestResource.class)
class AnonymityTest {

    /** The outbox as in production: rows carrying personal data leave it once published (tests elsewhere keep them). */
    public static class ProductionOutboxRetention implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.outbox.personal-data-retention", "PT0S");
        }
    }

    @Inject
    Fixtures fixtures;
    @Inject
    ResponseService responses;
    @Inject
    javax.sql.DataSource dataSource;
    @Inject
    OutboxDrain outbox;

    @ConfigProperty(name = "candor.feedback.min-group-size")
    int minGroupSize;

    @Test
    void withOnlySqlAccessNoAnswerToAnAnonymousSurveyCanBeTiedToItsPerson() throws Exception {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", true);
        UUID incident = UUID.randomUUID();
        List<String> customers = new ArrayList<>();
        for (int nps = 0; nps < 3; nps++) {
            String customer = fixtures.customer(incident, "en", "GB", "retail");
            customers.add(customer);
            String link = fixtures.invitedLink(survey, customer, incident);
            assertThat(responses.answer(link.substring("/survey/".length()),
                    Fixtures.answers("nps", nps, "trust", 3, "comment", "answer " + nps), false, true).submitted()).isTrue();
        }

        try (Connection sql = dataSource.getConnection()) {
            assertThat(count(sql, "select count(*) from survey_response where survey_id = ?", survey)).isEqualTo(3);
            // The response names no invitation ...
            assertThat(count(sql, "select count(*) from survey_response where survey_id = ? and invitation_id is not null",
                    survey)).isZero();
            // ... and no invitation names its person or the send that was made for them.
            assertThat(count(sql, "select count(*) from invitation where survey_id = ? and (customer_id is not null"
                    + " or scheduled_send_id is not null)", survey)).isZero();
            // Exact times do not pair an answer with an invitation, nor an invitation with a person's last invitation.
            assertThat(count(sql, """
                    select count(*) from survey_response r join invitation i on i.survey_id = r.survey_id
                    where r.survey_id = ? and (i.answered_at = r.submitted_at or i.opened_at = r.started_at)""", survey))
                    .isZero();
            assertThat(count(sql, """
                    select count(*) from invitation i join survey_customer c on c.last_invited_at = i.invited_at
                    where i.survey_id = ?""", survey)).isZero();
            assertThat(count(sql, """
                    select count(*) from invitation where survey_id = ?
                      and (invited_at <> date_trunc('day', invited_at, 'UTC') or answered_at <> date_trunc('day', answered_at, 'UTC'))""",
                    survey)).isZero();
            // Nor do the stored answers name the person.
            for (String customer : customers) {
                assertThat(count(sql, "select count(*) from survey_response where answers::text like ?",
                        "%" + customer + "%")).isZero();
            }
        }
        // The invitations went out to notification-service through the outbox, and their rows, which name the
        // person and carry the personal link, left the outbox as they were published.
        for (String customer : customers) {
            TestKafka.awaitRecord(Topics.NOTIFICATION_REQUESTS, record -> record.value().contains(customer),
                    Duration.ofSeconds(30));
        }
        outbox.awaitPublished();
        try (Connection sql = dataSource.getConnection()) {
            for (String customer : customers) {
                assertThat(count(sql, "select count(*) from outbox_event where payload::text like ?", "%" + customer + "%"))
                        .as("outbox rows naming " + customer).isZero();
            }
        }
    }

    @Test
    void anAnsweredAnonymousLinkStillRefusesASecondAnswer() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", true);
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", "retail");
        String link = fixtures.invitedLink(survey, customer, null);
        String token = link.substring("/survey/".length());
        responses.answer(token, Fixtures.answers("nps", 9, "trust", 4), false, true);

        assertThat(responses.answer(token, Fixtures.answers("nps", 0, "trust", 1), false, true).submitted()).isFalse();
        given().get(link).then().body(containsString("data-kind=\"ANSWERED\""));
    }

    @Test
    void aSegmentWithFewerResponsesThanTheSmallestGroupShowsNoScores() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", true);
        String small = "small-" + UUID.randomUUID().toString().substring(0, 8);
        String large = "large-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < minGroupSize - 1; i++) {
            answer(survey, small, 2);
        }
        for (int i = 0; i < minGroupSize; i++) {
            answer(survey, large, 10);
        }

        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).queryParam("surveyId", survey)
                .queryParam("groupBy", "segment").get("/api/statistics/scores")
                .then().statusCode(200)
                .body("find { it.group == '" + small + "' }.responses", equalTo(minGroupSize - 1))
                .body("find { it.group == '" + small + "' }.suppressed", equalTo(true))
                .body("find { it.group == '" + small + "' }.nps", nullValue())
                .body("find { it.group == '" + small + "' }.detractors", equalTo(0))
                .body("find { it.group == '" + large + "' }.suppressed", equalTo(false))
                .body("find { it.group == '" + large + "' }.nps", equalTo(100.0f));
        // Not grouped by a property of people, the same answers are all counted.
        given().auth().oauth2(CandorTestResource.token(Roles.ANALYST)).queryParam("surveyId", survey)
                .get("/api/statistics/scores")
                .then().statusCode(200).body("[0].responses", equalTo(2 * minGroupSize - 1))
                .body("[0].suppressed", equalTo(false));
    }

    private void answer(UUID survey, String segment, int nps) {
        String customer = fixtures.customer(UUID.randomUUID(), "en", "GB", segment);
        String link = fixtures.invitedLink(survey, customer, null);
        responses.answer(link.substring("/survey/".length()), Fixtures.answers("nps", nps, "trust", 3), false, true);
    }

    private static long count(Connection sql, String query, Object parameter) throws SQLException {
        try (PreparedStatement statement = sql.prepareStatement(query)) {
            statement.setObject(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
