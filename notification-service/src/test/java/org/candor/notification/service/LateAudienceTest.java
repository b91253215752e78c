package org.candor.notification.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.address;
import static org.candor.notification.support.Fixtures.affect;
import static org.candor.notification.support.Fixtures.customer;
import static org.candor.notification.support.Fixtures.inTx;
import static org.candor.notification.support.Fixtures.mailsTo;
import static org.candor.notification.support.Fixtures.part;
import static org.candor.notification.support.Fixtures.phone;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.smsAccepted;
import static org.candor.notification.support.Fixtures.uniqueId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.candor.contracts.customer.AffectedCustomerRemoved;
import org.candor.contracts.incident.DataCategory;
import org.candor.contracts.incident.StatusUpdatePublished;
import org.candor.notification.domain.Recipient;
import org.candor.notification.support.Fixtures;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Customers linked to an incident after its breach notice went out are told too, once each. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class LateAudienceTest {

    private static final String NOTICE_SUBJECT = "Important: a security incident concerns your personal data";

    @BeforeEach
    void healthyProviders() {
        ProvidersTestResource.healthyGateways();
    }

    @Test
    void secondWaveAfterTheNoticeGetsTheNoticeAndTheLatestUpdateOnce() throws Exception {
        UUID incident = highRiskIncident();
        String prefix = uniqueId("WAVE");
        String first = prefix + "-5";
        affect(incident, customer(first, "en", "GB", true, true));
        awaitRecipients(first);
        send(update(incident, "Notice: we closed the gap."));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(first))).hasSize(1));
        send(update(incident, "Update: passwords were reset."));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(first))).hasSize(2));

        // The second wave: one id sorting before the first wave's, one after.
        String before = prefix + "-1";
        String after = prefix + "-9";
        affect(incident, customer(before, "en", "GB", true, true));
        affect(incident, customer(after, "en", "GB", true, true));

        for (String late : List.of(before, after)) {
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(mailsTo(address(late))).hasSize(2);
                assertThat(smsAccepted(phone(late))).hasSize(2);
            });
            assertThat(mailsTo(address(late))).extracting(MimeMessage::getSubject)
                    .containsOnlyOnce(NOTICE_SUBJECT)
                    .anyMatch(subject -> subject.startsWith("Update on the security incident"));
            assertThat(texts(address(late))).anyMatch(text -> text.contains("Update: passwords were reset."));
        }
        assertThat(mailsTo(address(first))).hasSize(2);
        assertThat(smsAccepted(phone(first))).hasSize(2);
    }

    @Test
    void customerFoundLaterGetsOnlyTheLatestOfSeveralUpdates() throws Exception {
        UUID incident = highRiskIncident();
        String early = uniqueId("EARLY");
        affect(incident, customer(early, "en", "GB", true, false));
        awaitRecipients(early);
        send(update(incident, "Notice: we closed the gap."));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(early))).hasSize(1));
        send(update(incident, "Superseded: we are still looking."));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(early))).hasSize(2));
        send(update(incident, "Latest: the attacker was locked out."));
        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(early))).hasSize(3));

        String late = uniqueId("LATE");
        affect(incident, customer(late, "en", "GB", true, false));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(late))).hasSize(2));
        assertThat(texts(address(late))).anyMatch(text -> text.contains("Latest: the attacker was locked out."))
                .noneMatch(text -> text.contains("Superseded"));
        assertThat(mailsTo(address(late))).extracting(MimeMessage::getSubject).contains(NOTICE_SUBJECT);
        await().during(Duration.ofSeconds(1)).atMost(WAIT)
                .untilAsserted(() -> assertThat(mailsTo(address(late))).hasSize(2));
    }

    @Test
    void customerRemovedAndAddedAgainGetsNothingTwice() throws Exception {
        UUID incident = highRiskIncident();
        String prefix = uniqueId("AGAIN");
        String returning = prefix + "-5";
        affect(incident, customer(returning, "en", "GB", true, true));
        awaitRecipients(returning);
        send(update(incident, "Notice: we closed the gap."));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(returning))).hasSize(1);
            assertThat(smsAccepted(phone(returning))).hasSize(1);
        });

        send(new AffectedCustomerRemoved(incident, returning, Instant.now()));
        affect(incident, customer(returning, "en", "GB", true, true));
        // Linked after the re-add on the same partition: once they have the notice, the re-add was fanned out.
        String witness = prefix + "-9";
        affect(incident, customer(witness, "en", "GB", true, true));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(witness))).hasSize(1);
            assertThat(smsAccepted(phone(witness))).hasSize(1);
        });
        await().during(Duration.ofSeconds(1)).atMost(WAIT).untilAsserted(() -> {
            assertThat(mailsTo(address(returning))).hasSize(1);
            assertThat(smsAccepted(phone(returning))).hasSize(1);
        });
        assertThat(inTx(() -> Recipient.<Recipient>findById(returning))).isNotNull();
    }

    @Test
    void customerAddedToAnIncidentWithoutAnyMessageWaitsForTheFirst() {
        UUID incident = highRiskIncident();
        String early = uniqueId("BEFORE");
        affect(incident, customer(early, "en", "GB", true, false));
        awaitRecipients(early);

        long additions = inTx(() -> ((Number) io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                .createNativeQuery("select count(*) from fan_out_addition where recipient_id = :id")
                .setParameter("id", early).getSingleResult()).longValue());
        assertThat(additions).isZero();
        send(update(incident, "Notice: we closed the gap."));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(address(early))).extracting(MimeMessage::getSubject)
                .containsExactly(NOTICE_SUBJECT));
    }

    static UUID highRiskIncident() {
        return Fixtures.incident(true, DataCategory.CONTACT, DataCategory.CREDENTIALS);
    }

    static StatusUpdatePublished update(UUID incident, String english) {
        return new StatusUpdatePublished(incident, UUID.randomUUID(), 1, "IDENTIFIED", "AFFECTED",
                Map.of("en", english, "de", english), true, Instant.now(), null);
    }

    private static List<String> texts(String address) {
        return mailsTo(address).stream().map(mail -> part(mail, "text/plain")).toList();
    }

    static void awaitRecipients(String... ids) {
        await().atMost(WAIT).untilAsserted(() -> {
            for (String id : ids) {
                assertThat(inTx(() -> Recipient.<Recipient>findById(id))).as("recipient " + id).isNotNull();
            }
        });
    }
}
