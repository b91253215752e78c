package org.candor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The status page's double opt-in end to end: incident-service asks notification-service to send the
 * confirmation, the email reaches the real SMTP server, the person follows the link, and the next public
 * update reaches their mailbox, once.
 */
class PublicSubscriptionIT {

    private static Suite suite;
    private static PublicSubscriptions status;

    @BeforeAll
    static void startIncidentAndNotificationServices() throws Exception {
        Path root = Path.of(System.getProperty("candor.root", "../..")).toAbsolutePath().normalize();
        suite = new Suite(root, Files.createTempDirectory("candor-subscription-it"), Suite.Ports.free())
                .startInfrastructure()
                .startServices(List.of(ServiceSpec.named("incident-service"), ServiceSpec.named("notification-service")));
        status = new PublicSubscriptions(suite);
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aConfirmedSubscriberReceivesTheNextPublicUpdateByEmailOnce() throws Exception {
        String email = "subscriber-" + UUID.randomUUID() + "@example.org";
        assertThat(status.subscribe(email)).isEqualTo(202);
        assertThat(status.confirmFromMail(email, Duration.ofSeconds(30))).isEqualTo(200);
        status.awaitKnownToNotificationService(email, Duration.ofSeconds(30));
        String incidentId = status.declareIncident();
        String text = "We have locked the affected accounts (" + UUID.randomUUID() + ").";

        Instant publishedAt = Instant.now();
        assertThat(status.publishPublicUpdate(incidentId, text)).isEqualTo(201);

        List<String> mails = status.awaitMail(email, 2, Duration.ofSeconds(30));
        System.out.printf("[candor-it] public update reached the subscriber's mailbox within %d ms%n",
                Duration.between(publishedAt, Instant.now()).toMillis());
        assertThat(mails.get(1)).contains(text);
        Thread.sleep(2_000);
        assertThat(status.mailTo(email)).as("the confirmation and the update, each once").hasSize(2);
    }

    @Test
    void anUnconfirmedSubscriberReceivesNothingButTheConfirmationRequest() throws Exception {
        String email = "unconfirmed-" + UUID.randomUUID() + "@example.org";
        assertThat(status.subscribe(email)).isEqualTo(202);
        status.awaitMail(email, 1, Duration.ofSeconds(30));
        String incidentId = status.declareIncident();
        String text = "Passwords have been reset (" + UUID.randomUUID() + ").";
        String confirmedEmail = "witness-" + UUID.randomUUID() + "@example.org";
        status.subscribe(confirmedEmail);
        status.confirmFromMail(confirmedEmail, Duration.ofSeconds(30));
        status.awaitKnownToNotificationService(confirmedEmail, Duration.ofSeconds(30));

        status.publishPublicUpdate(incidentId, text);

        // Once a confirmed subscriber has the update, the fan-out is done: the unconfirmed one got nothing more.
        assertThat(status.awaitMail(confirmedEmail, 2, Duration.ofSeconds(30)).get(1)).contains(text);
        assertThat(status.mailTo(email)).hasSize(1);
    }
}
