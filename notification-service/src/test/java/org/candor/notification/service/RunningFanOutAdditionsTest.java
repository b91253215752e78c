package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
import static org.candor.notification.support.Fixtures.inTx;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.uniqueId;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * An import that lands while a fan-out is under way, at a known point of it: the test drives the
 * fan-out chunk by chunk (workers off, three recipients a chunk) and links customers between chunks.
 */
@QuarkusTest
@TestProfile(RunningFanOutAdditionsTest.SteppedFanOut.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class RunningFanOutAdditionsTest {

    /**
     * No worker threads: the test runs each fan-out chunk itself. No scheduled jobs either: a progress report
     * locks the message row for a moment, and a chunk skips a locked message (the worker would simply
     * take it on its next poll), which would end the test's drain early.
     */
    public static class SteppedFanOut implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.notification.workers-enabled", "false", "candor.notification.fan-out-chunk", "3",
                    "quarkus.scheduler.enabled", "false");
        }
    }

    @Inject
    FanOutWorker fanOut;

    @Test
    void importInTheMiddleOfARunningFanOutReachesIdsBelowAndAboveItsPosition() {
        UUID incident = LateAudienceTest.highRiskIncident();
        String prefix = uniqueId("MID");
        List<String> firstWave = Stream.of("10", "20", "30", "40", "50", "60").map(n -> prefix + "-" + n).toList();
        firstWave.forEach(id -> affect(incident, customer(id, "en", "GB", true, true)));
        LateAudienceTest.awaitRecipients(firstWave.toArray(String[]::new));
        drain();
        send(LateAudienceTest.update(incident, "Notice: we closed the gap."));
        UUID notice = await().atMost(WAIT).until(() -> breachNotice(incident), id -> id != null);

        assertThat(fanOut.fanOutChunk()).isTrue();
        assertThat(cursor(notice)).isEqualTo(prefix + "-30");
        // Lands mid fan-out: below the cursor (before the first id, between two done ones) and above it.
        List<String> secondWave = Stream.of("05", "25", "45", "70").map(n -> prefix + "-" + n).toList();
        secondWave.forEach(id -> affect(incident, customer(id, "en", "GB", true, true)));
        LateAudienceTest.awaitRecipients(secondWave.toArray(String[]::new));
        await().atMost(WAIT).until(() -> linkedCount(incident) == 10);
        drain();

        List<String> everyone = new ArrayList<>(firstWave);
        everyone.addAll(secondWave);
        assertThat(deliveries(notice)).containsExactlyInAnyOrderElementsOf(everyone.stream()
                .flatMap(id -> Stream.of(id + "/EMAIL", id + "/SMS")).toList());
        assertThat(additionsLeft(notice)).isZero();
    }

    @Test
    void customerLinkedAfterTheFanOutEndedIsListedAsAnAddition() {
        UUID incident = LateAudienceTest.highRiskIncident();
        String prefix = uniqueId("END");
        String first = prefix + "-50";
        affect(incident, customer(first, "en", "GB", true, false));
        LateAudienceTest.awaitRecipients(first);
        drain();
        send(LateAudienceTest.update(incident, "Notice: we closed the gap."));
        UUID notice = await().atMost(WAIT).until(() -> breachNotice(incident), id -> id != null);
        drain();
        assertThat(deliveries(notice)).containsExactly(first + "/EMAIL");

        String late = prefix + "-10";
        affect(incident, customer(late, "en", "GB", true, false));

        await().atMost(WAIT).until(() -> additionsLeft(notice) == 1);
        assertThat(fanOut.fanOutAdditions()).isTrue();
        assertThat(deliveries(notice)).containsExactlyInAnyOrder(first + "/EMAIL", late + "/EMAIL");
        assertThat(additionsLeft(notice)).isZero();
        assertThat(fanOut.fanOutAdditions()).isFalse();
    }

    /** Runs fan-out chunks and additions until neither finds work. */
    private void drain() {
        boolean worked = true;
        while (worked) {
            worked = fanOut.fanOutChunk() | fanOut.fanOutAdditions();
        }
    }

    private static UUID breachNotice(UUID incident) {
        return inTx(() -> {
            List<?> ids = Panache.getEntityManager().createNativeQuery("select breach_notice_message_id from known_incident"
                    + " where id = :id").setParameter("id", incident).getResultList();
            return ids.isEmpty() ? null : (UUID) ids.get(0);
        });
    }

    private static String cursor(UUID message) {
        return inTx(() -> (String) Panache.getEntityManager().createNativeQuery("select fan_out_cursor from message"
                + " where id = :id").setParameter("id", message).getSingleResult());
    }

    private static long linkedCount(UUID incident) {
        return inTx(() -> ((Number) Panache.getEntityManager().createNativeQuery("select count(*) from incident_recipient"
                + " where incident_id = :id").setParameter("id", incident).getSingleResult()).longValue());
    }

    private static long additionsLeft(UUID message) {
        return inTx(() -> ((Number) Panache.getEntityManager().createNativeQuery("select count(*) from fan_out_addition"
                + " where message_id = :id").setParameter("id", message).getSingleResult()).longValue());
    }

    /** recipient/channel of every delivery of the message, one entry per row. */
    @SuppressWarnings("unchecked")
    private static List<String> deliveries(UUID message) {
        return inTx(() -> Panache.getEntityManager().createNativeQuery("select recipient_id || '/' || channel from delivery"
                + " where message_id = :id").setParameter("id", message).getResultList());
    }
}
