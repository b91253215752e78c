package org.candor.feedback.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.candor.contracts.customer.AffectedCustomer;
import org.candor.feedback.Fixtures;
import org.candor.platform.security.Roles;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Campaigns through their API, sent in batches of 20 (the test setting) by the dispatch job, which the tests run
 * themselves. Without a fatigue period, nothing but the campaign's own bookkeeping stands between a customer and
 * a second invitation.
 */
@QuarkusTest
@TestProfile(WaveDispatchTest.NoFatigue.class)
@WithTestResource(CandorTestResource.class)
class CampaignTest {

    private static final String ANALYST = CandorTestResource.token(Roles.ANALYST);

    @Inject
    TriggerService triggers;
    @Inject
    CustomerService customers;
    @Inject
    EntityManager entityManager;

    @Test
    void campaignThatCrashesMidwayResumesAfterItsLastBatchAndInvitesEachCustomerOnce() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String segment = "seg-" + UUID.randomUUID();
        List<String> members = customers(segment, "DE", 130);
        List<String> others = customers("other-" + UUID.randomUUID(), "DE", 5);
        String location = given().auth().oauth2(ANALYST).contentType(ContentType.JSON)
                .body(Map.of("segment", segment)).post("/api/surveys/" + survey + "/campaigns")
                .then().statusCode(202)
                .header("Location", containsString("/api/surveys/" + survey + "/campaigns/"))
                .body("status", equalTo("RUNNING")).body("invited", equalTo(0))
                .extract().header("Location");
        UUID campaign = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        String progress = "/api/surveys/" + survey + "/campaigns/" + campaign;
        // The database refuses the invitation of the 71st customer: the fourth batch (61st to 80th) fails.
        String refused = members.get(70);
        sql("create function refuse_campaign_invitation() returns trigger language plpgsql as $$ begin "
                + "if new.customer_id = '" + refused + "' then raise exception 'disk full'; end if; return new; end $$");
        sql("create trigger refuse_campaign_invitation before insert on invitation for each row "
                + "execute function refuse_campaign_invitation()");
        try {
            triggers.dispatchDue();
        } finally {
            sql("drop trigger refuse_campaign_invitation on invitation");
            sql("drop function refuse_campaign_invitation()");
        }

        given().auth().oauth2(ANALYST).get(progress).then().statusCode(200)
                .body("status", equalTo("RUNNING")).body("invited", equalTo(60));
        assertThat(invitationsPerCustomer(campaign)).hasSize(60).allSatisfy((customer, count) -> assertThat(count).isOne());
        assertThat(invitationsPerCustomer(campaign).keySet()).containsExactlyInAnyOrderElementsOf(members.subList(0, 60));
        assertThat(notificationRequests(members)).isEqualTo(60);

        triggers.dispatchDue();

        given().auth().oauth2(ANALYST).get(progress).then().statusCode(200)
                .body("status", equalTo("DONE")).body("invited", equalTo(130))
                .body("skippedFatigue", equalTo(0)).body("skippedOptedOut", equalTo(0));
        assertThat(invitationsPerCustomer(campaign)).hasSize(130).allSatisfy((customer, count) -> assertThat(count).isOne());
        assertThat(notificationRequests(members)).isEqualTo(130);
        assertThat(notificationRequests(others)).as("customers of other segments").isZero();
    }

    @Test
    void twoInstancesSendingTheSameCampaignAtOnceInviteEachCustomerOnce() throws Exception {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String segment = "seg-" + UUID.randomUUID();
        List<String> members = customers(segment, "DE", 90);
        UUID campaign = start(survey, Map.of("segment", segment));

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return triggers.dispatchDue();
                }, instances));
            }
            CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).join();
        } finally {
            instances.shutdown();
        }
        triggers.dispatchDue();

        assertThat(invitationsPerCustomer(campaign)).hasSize(90).allSatisfy((customer, count) -> assertThat(count).isOne());
        assertThat(notificationRequests(members)).isEqualTo(90);
        given().auth().oauth2(ANALYST).get("/api/surveys/" + survey + "/campaigns/" + campaign).then().statusCode(200)
                .body("status", equalTo("DONE")).body("invited", equalTo(90));
    }

    @Test
    void countryAndOptOutNarrowTheCampaign() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String segment = "seg-" + UUID.randomUUID();
        List<String> german = customers(segment, "DE", 25);
        List<String> austrian = customers(segment, "AT", 3);
        QuarkusTransaction.requiringNew().run(() -> customers.optOut(german.get(4)));
        UUID campaign = start(survey, Map.of("segment", segment, "country", "DE"));

        triggers.dispatchDue();

        // 25 German customers, one of whom opted out: 24 invited, 1 skipped; the Austrians are not in it.
        given().auth().oauth2(ANALYST).get("/api/surveys/" + survey + "/campaigns/" + campaign).then().statusCode(200)
                .body("status", equalTo("DONE")).body("country", equalTo("DE"))
                .body("invited", equalTo(24)).body("skippedOptedOut", equalTo(1));
        assertThat(invitationsPerCustomer(campaign)).hasSize(24).doesNotContainKey(german.get(4));
        assertThat(notificationRequests(austrian)).isZero();
    }

    @Test
    void unknownSegmentIsRefusedAndSendsNothing() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String segment = "nobody-" + UUID.randomUUID();

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(Map.of("segment", segment))
                .post("/api/surveys/" + survey + "/campaigns")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("segment"));
        assertThat(campaignsOf(survey)).isZero();
    }

    @Test
    void segmentWithoutCustomersOfTheCountryIsRefused() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);
        String segment = "seg-" + UUID.randomUUID();
        customers(segment, "DE", 2);

        given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(Map.of("segment", segment, "country", "FR"))
                .post("/api/surveys/" + survey + "/campaigns")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("segment"));
        assertThat(campaignsOf(survey)).isZero();
    }

    @Test
    void unknownCampaignIsNotFound() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);

        given().auth().oauth2(ANALYST).get("/api/surveys/" + survey + "/campaigns/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void campaignNeedsTheAnalystRole() {
        UUID survey = Fixtures.createSurvey("CAMPAIGN", false);

        given().auth().oauth2(CandorTestResource.token(Roles.SUPPORT_AGENT)).contentType(ContentType.JSON)
                .body(Map.of("segment", "retail")).post("/api/surveys/" + survey + "/campaigns")
                .then().statusCode(403);
    }

    private UUID start(UUID survey, Map<String, String> body) {
        return UUID.fromString(given().auth().oauth2(ANALYST).contentType(ContentType.JSON).body(body)
                .post("/api/surveys/" + survey + "/campaigns").then().statusCode(202).extract().path("id"));
    }

    /** Known customers of a segment, in the order campaigns handle them (by id). */
    private List<String> customers(String segment, String country, int count) {
        List<String> ids = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                String id = "C-" + UUID.randomUUID();
                customers.recordAffected(UUID.randomUUID(),
                        new AffectedCustomer(id, "Test Person", "person@example.org", null, "de", country, null, segment));
                ids.add(id);
            }
        });
        return ids.stream().sorted().toList();
    }

    private Map<String, Long> invitationsPerCustomer(UUID campaign) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new HashMap<>();
            for (Object row : entityManager.createNativeQuery(
                    "select customer_id, count(*) from invitation where scheduled_send_id = :s group by 1")
                    .setParameter("s", campaign).getResultList()) {
                Object[] columns = (Object[]) row;
                counts.put((String) columns[0], ((Number) columns[1]).longValue());
            }
            return counts;
        });
    }

    private long notificationRequests(List<String> customerIds) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                select count(*) from outbox_event
                where payload->'recipient'->>'customerId' in (:ids) and payload->>'messageType' = 'survey-invitation'""")
                .setParameter("ids", customerIds).getSingleResult()).longValue());
    }

    private long campaignsOf(UUID survey) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from scheduled_send where survey_id = :s and purpose = 'CAMPAIGN'")
                .setParameter("s", survey).getSingleResult()).longValue());
    }

    private void sql(String statement) {
        QuarkusTransaction.joiningExisting().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }
}
