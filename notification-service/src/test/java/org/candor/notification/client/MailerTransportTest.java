package org.candor.notification.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.candor.notification.support.Fixtures.WAIT;
import static org.candor.notification.support.Fixtures.mailsTo;
import static org.candor.notification.support.Fixtures.part;
import static org.candor.notification.support.Fixtures.send;
import static org.candor.notification.support.Fixtures.uniqueId;

import java.util.Map;
import java.util.UUID;

import org.candor.contracts.notification.NotificationRequested;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With {@code candor.notification.email.transport=mailer} emails go out through Quarkus Mailer instead. */
@QuarkusTest
@TestProfile(MailerTransportTest.ThroughQuarkusMailer.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class MailerTransportTest {

    public static class ThroughQuarkusMailer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("candor.notification.email.transport", "mailer");
        }
    }

    @Test
    void aRequestedEmailArrivesThroughQuarkusMailerWithTheMessageIdOfItsDelivery() throws Exception {
        String to = uniqueId("mailer").toLowerCase() + "@org.example.org";
        send(new NotificationRequested(UUID.randomUUID(), "support:" + UUID.randomUUID(), "support-service",
                "support-reply", null, new NotificationRequested.Recipient(null, to, null, "de"),
                Map.of("ticketId", "T-7", "reply", "Wir haben Ihr Konto gesperrt."), false, false));

        await().atMost(WAIT).untilAsserted(() -> assertThat(mailsTo(to)).hasSize(1));
        var mail = mailsTo(to).get(0);
        // The Vert.x mail client under Quarkus Mailer names its MIME boundaries after itself; the Message-ID is the delivery's.
        assertThat(mail.getContentType()).contains("vertxmail");
        assertThat(mail.getMessageID()).endsWith("@notification.candor.local>");
        assertThat(part(mail, "text/plain")).contains("Wir haben Ihr Konto gesperrt.");
    }
}
