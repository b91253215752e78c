package org.candor.compliance.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.candor.compliance.service.EvidenceService;
import org.candor.contracts.Topics;
import org.candor.contracts.notification.NotificationBatchDelivered;
import org.candor.contracts.notification.NotificationBatchDelivered.Delivered;
import org.candor.testsupport.CandorTestResource;
import org.candor.testsupport.TestEvents;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Evidence that people were told, from notification-service's batches of delivered messages. */
@QuarkusTest
@WithTestResource(CandorTestResource.class)
class DeliveryEvidenceTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    EvidenceService evidence;

    @Test
    void aBatchCountsEachAffectedCustomerOnceAndARedeliveredBatchChangesNothing() throws Exception {
        UUID incident = UUID.randomUUID();
        Instant told = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        NotificationBatchDelivered batch = new NotificationBatchDelivered(UUID.randomUUID(), List.of(
                new Delivered(UUID.randomUUID(), incident, "customer-1", "breach-notice", "EMAIL", "smtp", told),
                new Delivered(UUID.randomUUID(), incident, "customer-1", "breach-notice", "SMS", "sms-primary",
                        told.plusSeconds(5)),
                new Delivered(UUID.randomUUID(), incident, "customer-2", "breach-notice", "EMAIL", "smtp",
                        told.plusSeconds(9)),
                // Not evidence of telling affected people: a public subscriber and the service's own reminder.
                new Delivered(UUID.randomUUID(), incident, null, "public-status-update", "EMAIL", "smtp", told),
                new Delivered(UUID.randomUUID(), incident, "dpo", "compliance-deadline-reminder", "EMAIL", "smtp",
                        told)));

        send(batch);
        await().atMost(Duration.ofSeconds(30)).until(() -> evidence.summary(incident).deliveries() == 3);
        // The same batch again, as a relay that crashed before marking it sent would publish it (a new event id).
        send(batch);
        UUID later = UUID.randomUUID();
        send(new NotificationBatchDelivered(UUID.randomUUID(), List.of(
                new Delivered(UUID.randomUUID(), later, "customer-3", "breach-notice", "EMAIL", "smtp", told))));
        await().atMost(Duration.ofSeconds(30)).until(() -> evidence.summary(later).deliveries() == 1);

        EvidenceService.Summary summary = evidence.summary(incident);
        assertThat(summary.peopleTold()).isEqualTo(2);
        assertThat(summary.deliveries()).isEqualTo(3);
        assertThat(summary.firstDeliveredAt()).isEqualTo(told);
        assertThat(summary.lastDeliveredAt()).isEqualTo(told.plusSeconds(9));
    }

    @Test
    void messagesThatDoNotTellOfTheBreachAreNotEvidenceAlthoughTheyNameTheIncidentAndTheCustomer() throws Exception {
        UUID incident = UUID.randomUUID();
        Instant sent = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        send(new NotificationBatchDelivered(UUID.randomUUID(), List.of(
                new Delivered(UUID.randomUUID(), incident, "customer-1", "support-reply", "EMAIL", "smtp", sent),
                new Delivered(UUID.randomUUID(), incident, "customer-1", "support-verification-code", "SMS",
                        "sms-primary", sent),
                new Delivered(UUID.randomUUID(), incident, "customer-2", "assistance-offer-code", "EMAIL", "smtp", sent),
                new Delivered(UUID.randomUUID(), incident, "customer-2", "survey-invitation", "EMAIL", "smtp", sent),
                new Delivered(UUID.randomUUID(), incident, "customer-3", "compensation-decision", "EMAIL", "smtp", sent),
                new Delivered(UUID.randomUUID(), incident, "customer-3", "status-update", "EMAIL", "smtp",
                        sent.plusSeconds(30)))));

        // The one update to customer-3 is the only evidence; it arrives in the same event as the others.
        await().atMost(Duration.ofSeconds(30)).until(() -> evidence.summary(incident).deliveries() > 0);
        EvidenceService.Summary summary = evidence.summary(incident);
        assertThat(summary.deliveries()).isEqualTo(1);
        assertThat(summary.peopleTold()).isEqualTo(1);
        assertThat(summary.firstDeliveredAt()).isEqualTo(sent.plusSeconds(30));
    }

    private static void send(NotificationBatchDelivered batch) throws Exception {
        TestEvents.sendCloudEvent(Topics.NOTIFICATION_EVENTS, null, batch.batchId().toString(), UUID.randomUUID(),
                NotificationBatchDelivered.TYPE, JSON.writeValueAsString(batch));
    }
}
