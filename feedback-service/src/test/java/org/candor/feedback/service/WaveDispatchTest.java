package org.candor.feedback.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
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
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.feedback.Fixtures;
import org.candor.feedback.MovableClock;
import org.candor.feedback.domain.ScheduledSend;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A wave of an incident's trust survey goes out in batches of 20 (the test setting), each committing
 * its invitations with their notification requests. Without a fatigue period, nothing but the
 * wave's own bookkeeping stands between a customer and a second invitation.
 */
@QuarkusTest
@TestProfile(WaveDispatchTest.NoFatigue.class)
@WithTestResource(CandorTestResource.class)
class WaveDispatchTest {

    /** Customers may be invited again at once, so the fatigue rule cannot hide a duplicate. */
    public static class NoFatigue implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.feedback.fatigue-period", "PT0S");
        }
    }

    @Inject
    TriggerService triggers;
    @Inject
    CustomerService customers;
    @Inject
    MovableClock clock;
    @Inject
    EntityManager entityManager;

    @Test
    void waveThatCrashesMidwayResumesAfterItsLastBatchAndInvitesEachCustomerOnce() {
        Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        List<String> affected = affectedCustomers(incident, 50);
        UUID wave = resolveAndWaitForFirstWave(incident);
        // The database refuses the invitation of the 31st customer: the second batch (21st to 40th) fails.
        String refused = affected.get(30);
        sql("create function refuse_invitation() returns trigger language plpgsql as $$ begin "
                + "if new.customer_id = '" + refused + "' then raise exception 'disk full'; end if; return new; end $$");
        sql("create trigger refuse_invitation before insert on invitation for each row execute function refuse_invitation()");
        try {
            triggers.dispatchDue();
        } finally {
            sql("drop trigger refuse_invitation on invitation");
            sql("drop function refuse_invitation()");
        }

        assertThat(invitationsPerCustomer(incident)).hasSize(20).allSatisfy((customer, count) -> assertThat(count).isOne());
        assertThat(invitationsPerCustomer(incident).keySet()).containsExactlyInAnyOrderElementsOf(affected.subList(0, 20));
        assertThat(notificationRequests(incident)).isEqualTo(20);
        assertThat(stampedCustomers(affected.subList(20, 50))).as("fatigue stamps of the failed batch").isZero();
        assertThat(send(wave).doneAt).isNull();

        triggers.dispatchDue();

        assertThat(invitationsPerCustomer(incident)).hasSize(50).allSatisfy((customer, count) -> assertThat(count).isOne());
        assertThat(notificationRequests(incident)).isEqualTo(50);
        assertThat(send(wave).doneAt).isNotNull();
    }

    @Test
    void twoInstancesSendingTheSameWaveAtOnceInviteEachCustomerOnce() throws Exception {
        Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        affectedCustomers(incident, 90);
        UUID wave = resolveAndWaitForFirstWave(incident);

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

        assertThat(invitationsPerCustomer(incident)).hasSize(90).allSatisfy((customer, count) -> assertThat(count).isOne());
        assertThat(notificationRequests(incident)).isEqualTo(90);
        assertThat(send(wave).doneAt).isNotNull();
    }

    @Test
    void waveRedoneFromTheStartInvitesNobodyTwice() {
        Fixtures.createSurvey("TRUST", false);
        UUID incident = UUID.randomUUID();
        affectedCustomers(incident, 25);
        UUID wave = resolveAndWaitForFirstWave(incident);
        triggers.dispatchDue();
        assertThat(invitationsPerCustomer(incident)).hasSize(25);

        // As if the send's bookkeeping had been lost: the wave is due again from the start.
        QuarkusTransaction.requiringNew().run(() -> sql(
                "update scheduled_send set done_at = null, progress_customer_id = null where id = '" + wave + "'"));
        assertThat(triggers.dispatchDue()).as("sends finished").isGreaterThanOrEqualTo(1);

        assertThat(send(wave).doneAt).isNotNull();
        assertThat(invitationsPerCustomer(incident)).hasSize(25).allSatisfy((customer, count) -> assertThat(count).isOne());
        assertThat(notificationRequests(incident)).isEqualTo(25);
    }

    /** Customers affected by the incident, in the order waves handle them (by id). */
    private List<String> affectedCustomers(UUID incident, int count) {
        List<String> ids = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                String id = "C-" + UUID.randomUUID();
                customers.recordAffected(incident,
                        new AffectedCustomer(id, "Test Person", "person@example.org", null, "de", "DE", null, "retail"));
                ids.add(id);
            }
        });
        return ids.stream().sorted().toList();
    }

    /** Resolves the incident and moves the clock to its first wave; returns that wave's send. */
    private UUID resolveAndWaitForFirstWave(UUID incident) {
        QuarkusTransaction.requiringNew().run(() -> triggers.statusUpdated(new StatusUpdatePublished(incident,
                UUID.randomUUID(), 1, "RESOLVED", "PUBLIC", Map.of("en", "Resolved."), true, clock.instant(), null)));
        clock.advance(Duration.ofDays(7));
        return QuarkusTransaction.requiringNew().call(() -> ScheduledSend.<ScheduledSend>find("sourceKey",
                "incident:" + incident + ":wave:1").firstResult().id);
    }

    private Map<String, Long> invitationsPerCustomer(UUID incident) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Long> counts = new java.util.HashMap<>();
            for (Object row : entityManager.createNativeQuery(
                    "select customer_id, count(*) from invitation where incident_id = :i and wave = 1 group by 1")
                    .setParameter("i", incident).getResultList()) {
                Object[] columns = (Object[]) row;
                counts.put((String) columns[0], ((Number) columns[1]).longValue());
            }
            return counts;
        });
    }

    private long notificationRequests(UUID incident) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                select count(*) from outbox_event
                where payload->>'incidentId' = :i and payload->>'messageType' = 'survey-invitation'""")
                .setParameter("i", incident.toString()).getSingleResult()).longValue());
    }

    private long stampedCustomers(List<String> ids) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from survey_customer where customer_id in (:ids) and last_invited_at is not null")
                .setParameter("ids", ids).getSingleResult()).longValue());
    }

    private ScheduledSend send(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> ScheduledSend.<ScheduledSend>findById(id));
    }

    private void sql(String statement) {
        QuarkusTransaction.joiningExisting().run(() -> entityManager.createNativeQuery(statement).executeUpdate());
    }
}
