package org.candor.notification.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.candor.notification.service.EmailMessages;
import org.candor.notification.service.MessageCatalog;
import org.candor.notification.service.OptOutLinks;
import org.candor.notification.support.DefaultEmails;
import org.candor.notification.support.DkimProfiles;
import org.candor.notification.support.ProvidersTestResource;
import org.candor.testsupport.CandorTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * In-app DKIM signing with an RSA-2048 key: the message as GreenMail received it is verified by an
 * independent implementation (Apache James jDKIM) against the DNS record the key needs.
 */
@QuarkusTest
@TestProfile(DkimProfiles.Rsa.class)
@WithTestResource(CandorTestResource.class)
@WithTestResource(ProvidersTestResource.class)
class DkimSigningTest {

    @Inject
    EmailMessages messages;

    @Inject
    EmailClient email;

    @Inject
    OptOutLinks optOutLinks;

    private static DKIMVerifier verifier() {
        return new DKIMVerifier((method, selector, domain) -> {
            assertThat(method.toString()).isEqualTo("dns/txt");
            return selector.toString().equals(DkimProfiles.Rsa.SELECTOR) && domain.toString().equals(DkimProfiles.DOMAIN)
                    ? List.of(DkimProfiles.txtRecord(DkimProfiles.Rsa.KEYS))
                    : List.of();
        });
    }

    @Test
    void aRoutineUpdateAsReceivedCarriesAValidSignatureOverItsHeadersAndBody() throws Exception {
        DefaultEmails.Sent sent = DefaultEmails.send(messages, email, optOutLinks, MessageCatalog.STATUS_UPDATE, "de");

        List<SignatureRecord> signatures = verifier().verify(new ByteArrayInputStream(sent.raw()));

        assertThat(signatures).hasSize(1);
        SignatureRecord signature = signatures.get(0);
        assertThat(signature.getDToken().toString()).isEqualTo(DkimProfiles.DOMAIN);
        assertThat(signature.getSelector().toString()).isEqualTo(DkimProfiles.Rsa.SELECTOR);
        assertThat(signature.getHashKeyType().toString()).isEqualTo("rsa");
        assertThat(signature.getHeaders()).extracting(header -> header.toString().toLowerCase())
                .contains("from", "to", "subject", "date", "message-id", "list-unsubscribe", "list-unsubscribe-post",
                        "auto-submitted");
        assertThat(new String(sent.raw(), StandardCharsets.UTF_8)).contains("Message-ID: <" + sent.deliveryId() + "@");
    }

    @Test
    void aMessageChangedOnTheWayFailsVerification() throws Exception {
        DefaultEmails.Sent sent = DefaultEmails.send(messages, email, optOutLinks, MessageCatalog.BREACH_NOTICE, "en");
        String changed = new String(sent.raw(), StandardCharsets.UTF_8).replace("data-protection officer", "data-protection offic3r");
        assertThat(changed).isNotEqualTo(new String(sent.raw(), StandardCharsets.UTF_8));

        assertThatThrownBy(() -> verifier().verify(new ByteArrayInputStream(changed.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PermFailException.class);
    }
}
